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

    @Override
    default void close() {
    }
}
