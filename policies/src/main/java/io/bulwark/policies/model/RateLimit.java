package io.bulwark.policies.model;

/**
 * A token bucket: capacity {@code burst}, refilled at {@code limit} tokens per {@code per}.
 *
 * @param key   what each bucket belongs to
 * @param limit tokens added per {@code per}
 * @param per   the refill period
 * @param burst bucket capacity; null means {@code limit}
 */
public record RateLimit(@Required RateLimitKey key, @Required Integer limit, @Required PolicyDuration per,
                        Integer burst) {

    public int capacity() {
        return burst == null ? limit : burst;
    }
}
