package io.bulwark.policies.ratelimit;

import java.util.List;

/**
 * The outcome for one request under all its limits. Header values are built on demand: an admitted request whose
 * response carries no rate-limit headers should not pay for formatting them.
 */
public final class RateLimitDecision {

    static final RateLimitDecision NO_LIMITS = new RateLimitDecision(true, null, null, 0, List.of(), false, List.of());

    /**
     * What {@link RateLimiter#enforce} answers for an admitted request: admitted, and nothing more (no statuses, no
     * header values), since the caller asked for nothing more.
     */
    public static final RateLimitDecision ADMITTED = new RateLimitDecision(true, null, null, 0, List.of(), false,
            List.of());

    private final boolean admitted;
    private final LimitSpec rejectedBy;
    private final String rejectedBucketKey;
    private final long retryAfterSeconds;
    private final List<LimitStatus> statuses;
    private final boolean storeUnavailable;
    /** The distinct limits applied, for the {@code RateLimit-Policy} header. */
    private final List<LimitSpec> limits;

    RateLimitDecision(boolean admitted, LimitSpec rejectedBy, String rejectedBucketKey, long retryAfterSeconds,
                      List<LimitStatus> statuses, boolean storeUnavailable, List<LimitSpec> limits) {
        this.admitted = admitted;
        this.rejectedBy = rejectedBy;
        this.rejectedBucketKey = rejectedBucketKey;
        this.retryAfterSeconds = retryAfterSeconds;
        this.statuses = statuses;
        this.storeUnavailable = storeUnavailable;
        this.limits = limits;
    }

    /** Whether every limit admitted the request. */
    public boolean admitted() {
        return admitted;
    }

    /**
     * The limit that refused the request (the one with the longest wait, when several did); {@code null} when admitted,
     * or when a shared store was down and its failure mode refused.
     */
    public LimitSpec rejectedBy() {
        return rejectedBy;
    }

    /**
     * An opaque identifier of the refused client under that limit, for {@link FloodAggregator}; {@code null} when
     * admitted. Not for the log: it may carry an API key id or a subject.
     */
    public String rejectedBucketKey() {
        return rejectedBucketKey;
    }

    /** Seconds until a retry can succeed, at least 1; 0 when admitted. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** One per limit applied, in order; empty when the store could not answer. */
    public List<LimitStatus> statuses() {
        return statuses;
    }

    /** True when a shared store did not answer in time and {@code onFailure} decided. */
    public boolean storeUnavailable() {
        return storeUnavailable;
    }

    /** The {@code Retry-After} value, or {@code null} when admitted. */
    public String retryAfterHeader() {
        return admitted ? null : Long.toString(retryAfterSeconds);
    }

    /** The {@code RateLimit-Policy} value, or {@code null} when no limit applied. */
    public String policyHeader() {
        if (limits.isEmpty()) {
            return null;
        }
        if (limits.size() == 1) {
            return limits.get(0).policyItem();
        }
        StringBuilder header = new StringBuilder();
        for (LimitSpec spec : limits) {
            if (header.length() > 0) {
                header.append(", ");
            }
            header.append(spec.policyItem());
        }
        return header.toString();
    }

    /** The {@code RateLimit} value, or {@code null} when no limit applied or the store could not answer. */
    public String statusHeader() {
        if (statuses.isEmpty()) {
            return null;
        }
        StringBuilder header = new StringBuilder();
        for (LimitStatus status : statuses) {
            if (header.length() > 0) {
                header.append(", ");
            }
            header.append(RateLimitHeaders.statusItem(status.limit().name(), status.remaining(),
                    status.nanosUntilFull()));
        }
        return header.toString();
    }

    @Override
    public String toString() {
        return admitted ? "admitted" : "rejected by " + (rejectedBy == null ? "store failure" : rejectedBy.name())
                + ", retry after " + retryAfterSeconds + "s";
    }
}
