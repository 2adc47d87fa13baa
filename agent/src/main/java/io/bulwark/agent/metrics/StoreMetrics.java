package io.bulwark.agent.metrics;

import java.util.concurrent.atomic.AtomicLong;

/** The store's state: changed only on transitions (the store reports those, never each request). */
public final class StoreMetrics implements StoreMBean {

    private final AtomicLong outages = new AtomicLong();
    private volatile long unavailableSinceMillis;

    StoreMetrics() {
    }

    public void unavailable(long nowMillis) {
        outages.incrementAndGet();
        unavailableSinceMillis = Math.max(1, nowMillis);
    }

    public void recovered() {
        unavailableSinceMillis = 0;
    }

    @Override
    public boolean isAvailable() {
        return unavailableSinceMillis == 0;
    }

    @Override
    public long getOutages() {
        return outages.get();
    }

    @Override
    public long getUnavailableSinceMillis() {
        return unavailableSinceMillis;
    }
}
