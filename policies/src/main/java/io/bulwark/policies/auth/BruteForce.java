package io.bulwark.policies.auth;

import java.time.Duration;

/**
 * Failed-credential counting and the block it leads to: per JVM ({@link BruteForceGuard}) or shared by a fleet
 * ({@link SharedBruteForce}). The request entry asks {@link #blockedFor} on every request, so implementations answer
 * it in constant time or one round trip.
 */
public interface BruteForce {

    /**
     * Counts one failed credential of {@code key}.
     *
     * @return true when this failure started a block: the caller logs the block then, and only then, so a blocked
     *         client produces one event rather than one per request (fleet-wide for a shared implementation)
     */
    boolean recordFailure(String key, long nowMillis);

    /** @return how long the key stays blocked; {@link Duration#ZERO} when it is not blocked */
    Duration blockedFor(String key, long nowMillis);
}
