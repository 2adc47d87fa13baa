package io.bulwark.policies.ratelimit;

import java.util.List;

/** Where buckets live: in this JVM ({@link LocalStore}) or shared by a fleet ({@link RedisStore}). */
public interface RateLimitStore extends AutoCloseable {

    /**
     * Takes one token from the bucket {@code keys.get(i)} of every {@code limits.get(i)}, or from none of them: a
     * request refused by one limit must not use up the others.
     *
     * @param nowNanos a {@link System#nanoTime()} reading; a shared store may use its own clock instead
     */
    StoreVerdict tryConsume(List<LimitSpec> limits, List<String> keys, long nowNanos);

    /**
     * {@link #tryConsume} for a caller that reads nothing from an admitted request: null when every bucket gave a
     * token and the store answered, else the verdict (a refusal, or the failure mode's answer). An embedded store
     * then spends nothing on readings for the request that passes, which is nearly every request.
     */
    default StoreVerdict tryConsumeOrExplain(List<LimitSpec> limits, List<String> keys, long nowNanos) {
        return quiet(tryConsume(limits, keys, nowNanos));
    }

    /** {@link #tryConsumeOrExplain(List, List, long)} for the common request under one limit, with no lists to build. */
    default StoreVerdict tryConsumeOrExplain(LimitSpec limit, String key, long nowNanos) {
        return tryConsumeOrExplain(List.of(limit), List.of(key), nowNanos);
    }

    @Override
    default void close() {
    }

    private static StoreVerdict quiet(StoreVerdict verdict) {
        return verdict.admitted() && !verdict.unavailable() ? null : verdict;
    }
}
