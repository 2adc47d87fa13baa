package io.bulwark.policies.model;

import java.util.List;

/**
 * Bearer JWT verification.
 *
 * @param issuer         required {@code iss}; null accepts any issuer the keys sign for
 * @param audiences      accepted {@code aud} values (one must match); empty skips the check
 * @param jwks           where the verification keys are
 * @param jwksCacheFor   how long fetched keys are reused
 * @param algorithms     accepted {@code alg} values; empty accepts those that fit the keys' types
 * @param clockSkew      tolerance for {@code exp} and {@code nbf}
 * @param requiredClaims claims every token must carry
 * @param scopeClaim     the claim holding scopes (space-separated string or array)
 */
public record JwtSettings(String issuer, List<String> audiences,
                          @Required("jwt needs jwks: file:PATH or an https:// URL") JwksSource jwks,
                          PolicyDuration jwksCacheFor, List<String> algorithms, PolicyDuration clockSkew,
                          List<String> requiredClaims, String scopeClaim) {

    public static final PolicyDuration DEFAULT_JWKS_CACHE_FOR = PolicyDuration.of("5m");
    public static final PolicyDuration DEFAULT_CLOCK_SKEW = PolicyDuration.of("30s");
    public static final String DEFAULT_SCOPE_CLAIM = "scope";

    /** JWS algorithms a policy may name; {@code none} is deliberately absent. */
    public static final List<String> KNOWN_ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384",
            "PS512", "ES256", "ES256K", "ES384", "ES512", "EdDSA", "Ed25519", "HS256", "HS384", "HS512");

    public JwtSettings {
        audiences = Copies.list(audiences);
        jwksCacheFor = jwksCacheFor == null ? DEFAULT_JWKS_CACHE_FOR : jwksCacheFor;
        algorithms = Copies.list(algorithms);
        clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
        requiredClaims = Copies.list(requiredClaims);
        scopeClaim = scopeClaim == null ? DEFAULT_SCOPE_CLAIM : scopeClaim;
    }
}
