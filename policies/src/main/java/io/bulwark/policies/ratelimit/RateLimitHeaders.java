package io.bulwark.policies.ratelimit;

import java.time.Duration;

/**
 * Response headers of draft-ietf-httpapi-ratelimit-headers (09 and later): two Structured Field lists whose members are
 * the policy names as sf-strings. {@code RateLimit-Policy: "per-ip";q=100;w=60} describes a limit,
 * {@code RateLimit: "per-ip";r=0;t=60} its state for this client. Names are restricted by {@link LimitSpec} to
 * printable ASCII without quotes or backslashes, so they need no escaping here.
 *
 * <p>A token bucket has no fixed window: {@code w} is the refill period, {@code q} the tokens it refills, and {@code t}
 * the seconds until the bucket is full again (when the quota has "reset"). {@code Retry-After} is the time until the
 * next token, which is what a throttled client should wait.
 */
public final class RateLimitHeaders {

    public static final String RETRY_AFTER = "Retry-After";
    public static final String POLICY = "RateLimit-Policy";
    public static final String STATUS = "RateLimit";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private RateLimitHeaders() {
    }

    static String policyItem(String name, long limit, Duration period) {
        long periodNanos = period.toNanos();
        long window = ceilSeconds(periodNanos);
        // A period that is not whole seconds (500ms) is advertised as the quota over the next whole window.
        long quota = periodNanos == window * NANOS_PER_SECOND
                ? limit
                : (long) Math.floor((double) limit * window * NANOS_PER_SECOND / periodNanos);
        return '"' + name + "\";q=" + quota + ";w=" + window;
    }

    static String statusItem(String name, long remaining, long nanosUntilFull) {
        return '"' + name + "\";r=" + Math.max(0, remaining) + ";t=" + ceilSecondsOrZero(nanosUntilFull);
    }

    /** Whole seconds, rounded up and at least 1: a client told "0" would retry at once and be refused again. */
    static long retryAfterSeconds(long nanos) {
        return Math.max(1, ceilSeconds(nanos));
    }

    private static long ceilSeconds(long nanos) {
        return Math.max(1, -Math.floorDiv(-nanos, NANOS_PER_SECOND));
    }

    private static long ceilSecondsOrZero(long nanos) {
        return nanos <= 0 ? 0 : -Math.floorDiv(-nanos, NANOS_PER_SECOND);
    }
}
