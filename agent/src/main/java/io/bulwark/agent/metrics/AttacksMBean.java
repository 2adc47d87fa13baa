package io.bulwark.agent.metrics;

/**
 * {@code io.bulwark:type=Attacks}: injections found at sinks, blocked (block mode) or only logged (monitor mode), and
 * the time the agent spends judging sinks.
 */
public interface AttacksMBean {

    long getBlocked();

    long getMonitored();

    long getSqlInjectionBlocked();

    long getSqlInjectionMonitored();

    long getShellInjectionBlocked();

    long getShellInjectionMonitored();

    /** JDBC and process-start calls the agent judged (also those outside a request, which cost a look-up). */
    long getSinkChecks();

    /** Sink checks whose time was recorded: a sample, one in timingSampleEvery. */
    long getSinkTimeCount();

    long getSinkTimeTotalNanos();

    long getSinkTimeP50Nanos();

    long getSinkTimeP99Nanos();

    long[] getSinkTimeBucketUpperBoundsNanos();

    long[] getSinkTimeBucketCounts();
}
