package io.bulwark.policies.model;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The SHA-256 of an API key, which is all the policy holds: a leaked policy file does not leak keys. 64 hex
 * digits, either case.
 */
public final class Sha256Digest {

    private final byte[] digest;

    private Sha256Digest(byte[] digest) {
        this.digest = digest;
    }

    public static Sha256Digest parse(String hex) throws InvalidValueException {
        if (hex.length() != 64 || !hex.chars().allMatch(Sha256Digest::isHexDigit)) {
            throw new InvalidValueException("sha256 must be 64 hex digits (the SHA-256 of the key, not the key)");
        }
        return new Sha256Digest(HexFormat.of().parseHex(hex));
    }

    /** Constant-time, so response timing says nothing about how much of a guessed key's digest was right. */
    public boolean matches(byte[] candidateDigest) {
        return MessageDigest.isEqual(digest, candidateDigest);
    }

    public boolean sameAs(Sha256Digest other) {
        return MessageDigest.isEqual(digest, other.digest);
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sha256Digest that && sameAs(that);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(digest);
    }

    /** Only a prefix, enough to tell keys apart in a dump without printing the whole fingerprint. */
    @Override
    public String toString() {
        return "sha256:" + HexFormat.of().formatHex(digest, 0, 4) + "...";
    }
}
