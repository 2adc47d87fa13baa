package io.bulwark.policies.auth;

import io.bulwark.policies.ratelimit.RedisStore;
import io.bulwark.policies.ratelimit.RedisStore.FailureCount;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Failure counts and blocks shared by the fleet through the Redis store, on the store's connection and within its
 * timeout: a client's failures on any node count towards one threshold, its block holds on every node, and the block
 * is logged by the one node whose failure started it.
 *
 * <p>While Redis does not answer, failures are counted and blocks kept by a {@link BruteForceGuard} in this JVM,
 * whatever {@code store.onFailure} says. That setting governs rate limits; here an outage says nothing about any one
 * client, and refusing every request as "blocked" would turn a Redis outage into a lock-out of everyone (with a
 * made-up {@code Retry-After}), while letting every attempt through would give attackers an unlimited window. Local
 * counting keeps the promise per node. A block started locally during an outage is still honoured after Redis
 * returns, until it ends.
 */
public final class SharedBruteForce implements BruteForce {

    private final RedisStore store;
    private final BruteForceSettings settings;
    private final BruteForceGuard local;

    /** @param local the guard used while Redis does not answer; kept by the caller across policy reloads */
    public SharedBruteForce(RedisStore store, BruteForceSettings settings, BruteForceGuard local) {
        this.store = store;
        this.settings = settings;
        this.local = local;
    }

    @Override
    public boolean recordFailure(String key, long nowMillis) {
        FailureCount count = store.recordFailure(key, settings.maxFailures(), settings.per(), settings.blockFor());
        return switch (count) {
            case BLOCK_STARTED -> true;
            case COUNTED -> false;
            case UNAVAILABLE -> local.recordFailure(key, nowMillis);
        };
    }

    @Override
    public Duration blockedFor(String key, long nowMillis) {
        Duration locally = local.blockedFor(key, nowMillis);
        if (!locally.isZero()) {
            return locally;
        }
        OptionalLong shared = store.blockedMillis(key);
        return shared.isPresent() ? Duration.ofMillis(shared.getAsLong()) : Duration.ZERO;
    }

    public RedisStore store() {
        return store;
    }

    public BruteForceSettings settings() {
        return settings;
    }
}
