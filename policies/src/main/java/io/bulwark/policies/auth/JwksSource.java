package io.bulwark.policies.auth;

/**
 * Where the JWT verification keys come from. Implementations return immutable snapshots; the authenticator ties
 * each cached verification to the snapshot it was made with, so a key that leaves the set stops being honoured even
 * for tokens verified before.
 */
public interface JwksSource {

    /** The keys to use now. Never null: {@link JwkKeys#UNAVAILABLE} when there are none. */
    JwkKeys keys(long nowMillis);

    /**
     * Called when a token names a kid the current snapshot lacks (keys are rotated before tokens use them). A source
     * that can fetch may do so here, rate-limited; the default has nothing to refresh.
     */
    default JwkKeys refreshForUnknownKey(long nowMillis) {
        return keys(nowMillis);
    }
}
