package io.bulwark.policies.auth;

import java.util.Locale;

/**
 * Why credentials were refused. {@link #code()} is what the log's {@code event.reason} carries; {@link #description()}
 * is a constant sentence that is safe in a log, a problem body and an RFC 6750 {@code error_description}: it never
 * contains anything the client sent.
 */
public enum AuthFailure {
    MALFORMED("the token is not a well-formed signed JWT"),
    TOO_LARGE("the token is too long"),
    DISALLOWED_ALGORITHM("the token's algorithm is not accepted"),
    UNKNOWN_KEY("the token's signing key is not known"),
    /** The key set could not be obtained (JWKS URL down and no usable cached keys): not the client's fault. */
    KEYS_UNAVAILABLE("the signing keys are unavailable"),
    BAD_SIGNATURE("the token's signature is invalid"),
    EXPIRED("the token has expired"),
    NOT_YET_VALID("the token is not valid yet"),
    WRONG_ISSUER("the token's issuer is not accepted"),
    WRONG_AUDIENCE("the token's audience is not accepted"),
    MISSING_CLAIM("the token lacks a required claim"),
    UNKNOWN_API_KEY("the API key is not valid");

    private final String description;

    AuthFailure(String description) {
        this.description = description;
    }

    /** {@code bad_signature}, {@code expired}, ...: stable names for the log and for dashboards. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /**
     * Whether this failure counts towards {@code bruteForce}: every refused credential does, except when the agent
     * itself could not check it.
     */
    public boolean countsAsBruteForce() {
        return this != KEYS_UNAVAILABLE;
    }
}
