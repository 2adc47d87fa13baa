package io.bulwark.policies.auth;

import com.nimbusds.jose.JWSAlgorithm;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code authentication.jwt}, as plain values.
 *
 * @param issuer             the exact {@code iss} required; null accepts any issuer
 * @param audiences          a token must name at least one of these in {@code aud}; empty skips the check
 * @param algorithms         the accepted {@code alg} names (RS/PS/ES 256-512, HS256-512, EdDSA or Ed25519)
 * @param keys               where the verification keys come from
 * @param clockSkew          tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param requiredClaims     claims that must be present and not null ({@code exp} is always required)
 * @param scopeClaim         the claim holding scopes, a space-separated string or an array
 * @param maxTokenLength     longer tokens are refused before any decoding
 * @param verifiedCacheSize  slots of the verified-token cache; 0 turns it off
 * @param rejectedCacheSize  slots of the rejected-token cache; 0 turns it off
 */
public record JwtSettings(String issuer, List<String> audiences, Set<String> algorithms, JwksSource keys,
                          Duration clockSkew, List<String> requiredClaims, String scopeClaim, int maxTokenLength,
                          int verifiedCacheSize, int rejectedCacheSize) {

    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8192;
    public static final int DEFAULT_VERIFIED_CACHE_SIZE = 4096;
    public static final int DEFAULT_REJECTED_CACHE_SIZE = 1024;

    private static final Set<JWSAlgorithm> SUPPORTED = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512,
            JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    public JwtSettings {
        audiences = List.copyOf(audiences);
        requiredClaims = List.copyOf(requiredClaims);
        algorithms = Set.copyOf(new LinkedHashSet<>(algorithms));
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("jwt.algorithms must name at least one algorithm");
        }
        for (String name : algorithms) {
            if (!SUPPORTED.contains(JWSAlgorithm.parse(name))) {
                throw new IllegalArgumentException("jwt.algorithms: '" + name + "' is not supported; use RS256-512, "
                        + "PS256-512, ES256, ES384, ES512, HS256-512 or EdDSA");
            }
        }
        if (keys == null) {
            throw new IllegalArgumentException("jwt needs a key source (jwks)");
        }
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("jwt.clockSkew must be between 0 and 10m");
        }
        if (scopeClaim == null || scopeClaim.isEmpty()) {
            throw new IllegalArgumentException("jwt.scopeClaim must not be empty");
        }
        if (maxTokenLength < 64 || maxTokenLength > 65536) {
            throw new IllegalArgumentException("the maximum token length must be between 64 and 65536");
        }
    }

    /** The policy's defaults: 30s skew, {@code scope}, 8 KB tokens, caches on. */
    public static JwtSettings of(String issuer, List<String> audiences, Set<String> algorithms, JwksSource keys) {
        return new JwtSettings(issuer, audiences, algorithms, keys, Duration.ofSeconds(30), List.of(), "scope",
                DEFAULT_MAX_TOKEN_LENGTH, DEFAULT_VERIFIED_CACHE_SIZE, DEFAULT_REJECTED_CACHE_SIZE);
    }

    public JwtSettings withRequiredClaims(List<String> claims) {
        return new JwtSettings(issuer, audiences, algorithms, keys, clockSkew, claims, scopeClaim, maxTokenLength,
                verifiedCacheSize, rejectedCacheSize);
    }

    public JwtSettings withClockSkew(Duration skew) {
        return new JwtSettings(issuer, audiences, algorithms, keys, skew, requiredClaims, scopeClaim, maxTokenLength,
                verifiedCacheSize, rejectedCacheSize);
    }

    public JwtSettings withScopeClaim(String claim) {
        return new JwtSettings(issuer, audiences, algorithms, keys, clockSkew, requiredClaims, claim, maxTokenLength,
                verifiedCacheSize, rejectedCacheSize);
    }

    public JwtSettings withCaches(int verified, int rejected) {
        return new JwtSettings(issuer, audiences, algorithms, keys, clockSkew, requiredClaims, scopeClaim,
                maxTokenLength, verified, rejected);
    }
}
