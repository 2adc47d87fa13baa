package io.bulwark.agent.metrics;

/** {@code io.bulwark:type=Store}: the shared (Redis) rate-limit store, as the agent last saw it. */
public interface StoreMBean {

    /** False from an outage until the store answers again; true when no outage was seen (or none is configured). */
    boolean isAvailable();

    /** Outages since start: times the store stopped answering within its time budget. */
    long getOutages();

    /** Milliseconds since the epoch when the current outage began; 0 when the store is available. */
    long getUnavailableSinceMillis();
}
