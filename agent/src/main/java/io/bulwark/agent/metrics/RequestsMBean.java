package io.bulwark.agent.metrics;

/**
 * {@code io.bulwark:type=Requests}: requests the agent saw at their outermost entry, and those it refused, at entry or
 * while the app ran. A request is refused at most once, so the {@code Denied*} counts add up to {@code Denied}.
 */
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

    /** Bodies larger than {@code injection.maxScanBytes} under {@code oversize: reject}, refused as the app read. */
    long getDeniedBodyTooLarge();

    /** Rows or response bytes over a route's {@code dataTransfer} limit in block mode. */
    long getDeniedDataTransfer();

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
