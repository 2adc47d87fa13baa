package io.bulwark.agent;

import io.bulwark.policies.auth.AuthResult;
import io.bulwark.policies.auth.FixedJwksSource;
import io.bulwark.policies.auth.JwksException;
import io.bulwark.policies.auth.JwksSource;
import io.bulwark.policies.auth.JwtAuthenticator;
import io.bulwark.policies.auth.JwtSettings;
import io.bulwark.policies.auth.RemoteJwksSource;
import io.bulwark.policies.model.ApiKeySettings;
import io.bulwark.policies.model.AuthenticationSettings;
import io.bulwark.policies.model.Policy;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The credential checks one policy configures: where each credential is found in a request, and the engine that
 * verifies it. Built once per policy; thread-safe.
 */
final class Authenticators {

    /**
     * What a policy that names no algorithms accepts: every asymmetric one. HMAC is left out on purpose, so that a
     * public key published in a JWKS can never be used as an HMAC secret unless the policy asks for HS*.
     */
    static final Set<String> DEFAULT_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA");

    private static final String BEARER = "Bearer";

    private final String realm;
    private final JwtAuthenticator jwt;
    private final ApiKeyCheck apiKeys;
    private final String apiKeyHeader;
    private final String apiKeyQueryParam;

    private Authenticators(String realm, JwtAuthenticator jwt, ApiKeyCheck apiKeys, String apiKeyHeader,
                           String apiKeyQueryParam) {
        this.realm = realm;
        this.jwt = jwt;
        this.apiKeys = apiKeys;
        this.apiKeyHeader = apiKeyHeader;
        this.apiKeyQueryParam = apiKeyQueryParam;
    }

    /** Null when the policy accepts no credentials at all. */
    static Authenticators from(Policy policy) throws PolicyActivationException {
        AuthenticationSettings auth = policy.authentication();
        if (auth == null || !auth.acceptsCredentials()) {
            return null;
        }
        JwtAuthenticator jwt = null;
        if (auth.jwt() != null) {
            var model = auth.jwt();
            JwksSource keys;
            if (model.jwks() instanceof io.bulwark.policies.model.JwksSource.Https https) {
                try {
                    keys = RemoteJwksSource.create(https.uri(),
                            RemoteJwksSource.Options.defaults(model.jwksCacheFor().duration()));
                } catch (IllegalArgumentException e) {
                    throw new PolicyActivationException("authentication.jwt.jwks: " + e.getMessage(), e);
                }
            } else {
                Path file = policy.jwksFile().orElseThrow();
                try {
                    keys = FixedJwksSource.load(file);
                } catch (JwksException e) {
                    throw new PolicyActivationException("authentication.jwt.jwks: " + e.getMessage(), e);
                }
            }
            Set<String> algorithms = model.algorithms().isEmpty() ? DEFAULT_ALGORITHMS
                    : new LinkedHashSet<>(model.algorithms());
            try {
                jwt = new JwtAuthenticator(JwtSettings.of(model.issuer(), model.audiences(), algorithms, keys)
                        .withRequiredClaims(model.requiredClaims())
                        .withClockSkew(model.clockSkew().duration())
                        .withScopeClaim(model.scopeClaim()));
            } catch (IllegalArgumentException e) {
                throw new PolicyActivationException(e.getMessage(), e);
            }
        }
        ApiKeySettings keySettings = auth.apiKeys();
        return new Authenticators(auth.realm(), jwt,
                keySettings == null ? null : new ApiKeyCheck(keySettings.keys()),
                keySettings == null ? null : keySettings.header(),
                keySettings == null ? null : keySettings.queryParam());
    }

    String realm() {
        return realm;
    }

    /**
     * The credential the request presents, or null when it presents none this policy accepts. A bearer token wins over
     * an API key; an {@code Authorization} header of another scheme (Basic, say) is the app's business, not ours.
     */
    PresentedCredential presented(EntryRequest request) {
        if (jwt != null) {
            String authorization = request.header("Authorization");
            long region = bearerRegion(authorization);
            if (region >= 0) {
                return new PresentedCredential(PresentedCredential.Kind.BEARER, authorization, (int) (region >>> 32),
                        (int) region);
            }
        }
        String key = apiKey(request);
        return key == null ? null : PresentedCredential.of(PresentedCredential.Kind.API_KEY, key);
    }

    /**
     * The verdict on the credential the request presents (the one {@link #presented} finds), or null when it
     * presents none. The same work as verifying {@code presented(request)}, without making that object: this runs
     * on every request, {@code presented} only when a verdict needs explaining.
     */
    AuthResult authenticate(EntryRequest request, long nowMillis) {
        if (jwt != null) {
            String authorization = request.header("Authorization");
            long region = bearerRegion(authorization);
            if (region >= 0) {
                return jwt.authenticate(authorization, (int) (region >>> 32), (int) region, nowMillis);
            }
        }
        String key = apiKey(request);
        return key == null ? null : apiKeys.authenticate(key);
    }

    /**
     * Where the token lies in a bearer {@code Authorization} header, as {@code from << 32 | to} (the bounds
     * {@link String#strip} would give, without the stripped copy); -1 when the header is absent or of another
     * scheme. Two ints in a long, so that finding them allocates nothing.
     */
    private static long bearerRegion(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.charAt(BEARER.length()) != ' ') {
            return -1;
        }
        int from = BEARER.length() + 1;
        int to = authorization.length();
        while (from < to && Character.isWhitespace(authorization.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(authorization.charAt(to - 1))) {
            to--;
        }
        return (long) from << 32 | to;
    }

    /** The presented API key, or null when the policy takes none or the request carries none. */
    private String apiKey(EntryRequest request) {
        if (apiKeys == null) {
            return null;
        }
        String key = apiKeyHeader != null ? request.header(apiKeyHeader)
                : io.bulwark.policies.net.FormEncoding.firstParameter(request.queryString(), apiKeyQueryParam);
        return key == null || key.isEmpty() ? null : key;
    }

    List<String> secretNames() {
        List<String> names = new java.util.ArrayList<>(2);
        if (apiKeyHeader != null) {
            names.add(apiKeyHeader);
        }
        if (apiKeyQueryParam != null) {
            names.add(apiKeyQueryParam);
        }
        return names;
    }
}
