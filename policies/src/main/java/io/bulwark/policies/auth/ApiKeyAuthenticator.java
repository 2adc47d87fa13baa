package io.bulwark.policies.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * Checks a presented API key against the configured SHA-256 hashes.
 *
 * <p>Timing: the presented key is hashed once, then compared with every configured hash using
 * {@link MessageDigest#isEqual} (constant time for equal lengths), without stopping at the first hit. The time taken
 * therefore depends on the number of configured keys, not on which key matched or how many leading bytes agreed. A
 * hash map keyed by the hash would leak, through timing, only facts about the hash of a guess, which are useless
 * for finding a key (SHA-256 is preimage resistant), but the full scan costs well under a microsecond per hundred keys
 * and leaves nothing to argue about.
 *
 * <p>The key is never stored, logged or put in an exception; a rejection carries no part of it.
 */
public final class ApiKeyAuthenticator {

    /** Longer values are refused before hashing, to bound work per request. */
    public static final int MAX_KEY_LENGTH = 1024;

    private final List<ApiKey> keys;

    public ApiKeyAuthenticator(ApiKeySettings settings) {
        this.keys = settings.keys();
    }

    /** @param presentedKey the header or query value; null or empty is the caller's "no credentials" case */
    public AuthResult authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty() || presentedKey.length() > MAX_KEY_LENGTH) {
            return AuthResult.rejected(AuthFailure.UNKNOWN_API_KEY);
        }
        byte[] presented = sha256(presentedKey);
        ApiKey found = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(presented, key.hashInternal()) && found == null) {
                found = key;
            }
        }
        if (found == null) {
            return AuthResult.rejected(AuthFailure.UNKNOWN_API_KEY);
        }
        return new AuthResult.Authenticated(new Identity(found.id(), found.scopes(), Map.of(), "apiKey"));
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
