package io.bulwark.agent.metrics;

/** {@code io.bulwark:type=Requests}: requests the agent saw at their outermost entry, and those it refused there. */
public interface RequestsMBean {

    long getSeen();

    long getDenied();

    long getDeniedRateLimited();

    long getDeniedRateLimitUnavailable();

    long getDeniedBruteForceBlocked();

    long getDeniedUnauthenticated();

    long getDeniedInsufficientScope();

    long getDeniedAuthenticationUnavailable();

    long getDeniedHttpsRequired();

    long getDeniedInvalidInput();

    long getDeniedInvalidPath();

    long getDeniedProtectionError();

    long getDeniedOther();

    /** Requests whose agent time (entry checks + exit) was recorded: a sample, one in timingSampleEvery. */
    long getAgentTimeCount();

    long getAgentTimeTotalNanos();

    /** Upper bound of the bucket holding the median: exact to a factor of two. */
    long getAgentTimeP50Nanos();

    long getAgentTimeP99Nanos();

    long[] getAgentTimeBucketUpperBoundsNanos();

    long[] getAgentTimeBucketCounts();
}
