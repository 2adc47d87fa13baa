package io.bulwark.policies.auth;

import java.util.HexFormat;
import java.util.Set;

/**
 * One configured API key: only its SHA-256 is stored, so a leaked policy file does not leak keys.
 *
 * @param id     the key's name; becomes the caller's subject and appears in logs (the key itself never does)
 * @param sha256 SHA-256 of the key's UTF-8 bytes
 * @param scopes what the key grants
 */
public record ApiKey(String id, byte[] sha256, Set<String> scopes) {

    public ApiKey {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an API key needs an id");
        }
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("API key '" + id + "': sha256 must be 32 bytes (64 hex digits)");
        }
        sha256 = sha256.clone();
        scopes = Set.copyOf(scopes);
    }

    /** @throws IllegalArgumentException when {@code sha256Hex} is not 64 hex digits; the message names only the id */
    public static ApiKey ofHex(String id, String sha256Hex, Set<String> scopes) {
        if (sha256Hex == null || sha256Hex.length() != 64) {
            throw new IllegalArgumentException("API key '" + id + "': sha256 must be 64 hex digits");
        }
        try {
            return new ApiKey(id, HexFormat.of().parseHex(sha256Hex), scopes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("API key '" + id + "': sha256 must be 64 hex digits");
        }
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", scopes=" + scopes + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other && id.equals(other.id) && java.util.Arrays.equals(sha256, other.sha256)
                && scopes.equals(other.scopes);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    byte[] hashInternal() {
        return sha256;
    }
}
