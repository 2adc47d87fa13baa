package io.bulwark.policies.auth;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies JWT bearer tokens (JWS compact form) against the policy's {@code authentication.jwt}.
 *
 * <p>Order of work, cheapest and most decisive first: length cap, verified-token cache, rejected-token cache,
 * character check, header parse, algorithm allow-list ({@code alg: none} and anything not listed stop here, before any
 * key work), key selection by kid and key type, signature, then claims. The payload is parsed only after the
 * signature holds, so a forged token never gets its JSON read.
 *
 * <p>Caches: a verified token is remembered until its {@code exp} (plus skew) while the key snapshot is unchanged; a
 * token refused for a reason that cannot change with time (bad signature, disallowed algorithm, wrong audience, ...)
 * is remembered for {@link #REJECTION_MEMORY_MILLIS}. Both are fixed-size ({@link TokenCache}). A token whose kid is
 * unknown or that is not valid yet is never remembered as rejected: a key rotation or the clock may change the answer.
 *
 * <p>Thread-safe. Nothing here logs; results carry a reason and constant descriptions, never the token.
 */
public final class JwtAuthenticator {

    static final long REJECTION_MEMORY_MILLIS = 60_000;

    private final JwtSettings settings;
    private final Set<JWSAlgorithm> algorithms = new HashSet<>();
    private final long skewMillis;
    private final TokenCache<AuthResult.Authenticated> verified;
    private final TokenCache<AuthResult.Rejected> rejected;

    public JwtAuthenticator(JwtSettings settings) {
        this.settings = settings;
        for (String name : settings.algorithms()) {
            algorithms.add(JWSAlgorithm.parse(name));
        }
        this.skewMillis = settings.clockSkew().toMillis();
        this.verified = new TokenCache<>(settings.verifiedCacheSize());
        this.rejected = new TokenCache<>(settings.rejectedCacheSize());
    }

    /**
     * @param token     the bearer token, without the {@code Bearer } prefix; null or empty is reported as
     *                  {@code MALFORMED}, but a missing token is the caller's "no credentials" case (401 without
     *                  an error code, not counted as a brute-force failure)
     * @param nowMillis the request's clock, epoch milliseconds
     */
    public AuthResult authenticate(String token, long nowMillis) {
        if (token == null) {
            return AuthResult.rejected(AuthFailure.MALFORMED);
        }
        return authenticate(token, 0, token.length(), nowMillis);
    }

    /**
     * The token {@code text.substring(from, to)}, typically the credentials of a whole {@code Authorization} header.
     * A token verified before is found without that substring being made: on every request that presents a cached
     * token, this is the difference between copying the token and not.
     *
     * @throws IndexOutOfBoundsException when the region does not lie in {@code text}
     */
    public AuthResult authenticate(String text, int from, int to, long nowMillis) {
        Objects.checkFromToIndex(from, to, text.length());
        if (from == to) {
            return AuthResult.rejected(AuthFailure.MALFORMED);
        }
        if (to - from > settings.maxTokenLength()) {
            return AuthResult.rejected(AuthFailure.TOO_LARGE);
        }
        JwkKeys keys = settings.keys().keys(nowMillis);
        AuthResult.Authenticated hit = verified.get(text, from, to, nowMillis, keys);
        if (hit != null) {
            return hit;
        }
        AuthResult.Rejected known = rejected.get(text, from, to, nowMillis, keys);
        if (known != null) {
            return known;
        }
        String token = from == 0 && to == text.length() ? text : text.substring(from, to);
        Outcome outcome = verify(token, nowMillis, keys);
        if (outcome.result() instanceof AuthResult.Authenticated ok) {
            verified.put(text, from, to, ok, outcome.validUntil(), outcome.keys());
        } else if (outcome.result() instanceof AuthResult.Rejected no && isLasting(no.failure())) {
            rejected.put(text, from, to, no, nowMillis + REJECTION_MEMORY_MILLIS, outcome.keys());
        }
        return outcome.result();
    }

    private record Outcome(AuthResult result, JwkKeys keys, long validUntil) {

        static Outcome no(AuthFailure failure, JwkKeys keys) {
            return new Outcome(AuthResult.rejected(failure), keys, 0);
        }
    }

    private static boolean isLasting(AuthFailure failure) {
        return failure != AuthFailure.UNKNOWN_KEY && failure != AuthFailure.KEYS_UNAVAILABLE
                && failure != AuthFailure.NOT_YET_VALID;
    }

    private Outcome verify(String token, long nowMillis, JwkKeys keys) {
        if (!isCompactJws(token)) {
            return Outcome.no(AuthFailure.MALFORMED, keys);
        }
        int firstDot = token.indexOf('.');
        int secondDot = token.indexOf('.', firstDot + 1);
        Base64URL[] parts = {new Base64URL(token.substring(0, firstDot)),
                new Base64URL(token.substring(firstDot + 1, secondDot)), new Base64URL(token.substring(secondDot + 1))};
        SignedJWT jwt;
        try {
            if (!(Header.parse(parts[0]) instanceof JWSHeader)) {
                // alg "none" (a PlainHeader) or an encryption algorithm: never accepted, whatever the allow-list says.
                return Outcome.no(AuthFailure.DISALLOWED_ALGORITHM, keys);
            }
            jwt = new SignedJWT(parts[0], parts[1], parts[2]);
        } catch (ParseException | RuntimeException e) {
            return Outcome.no(namesAnAlgorithm(parts[0]) ? AuthFailure.DISALLOWED_ALGORITHM : AuthFailure.MALFORMED,
                    keys);
        }
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (!algorithms.contains(algorithm)) {
            return Outcome.no(AuthFailure.DISALLOWED_ALGORITHM, keys);
        }
        if (keys.isUnavailable()) {
            keys = settings.keys().refreshForUnknownKey(nowMillis);
            if (keys.isUnavailable()) {
                return Outcome.no(AuthFailure.KEYS_UNAVAILABLE, keys);
            }
        }
        String kid = header.getKeyID();
        List<JWSVerifier> candidates = keys.verifiersFor(algorithm, kid);
        if (candidates.isEmpty() && kid != null && !keys.hasKeyId(kid)) {
            keys = settings.keys().refreshForUnknownKey(nowMillis);
            candidates = keys.verifiersFor(algorithm, kid);
        }
        if (candidates.isEmpty()) {
            return Outcome.no(keys.isUnavailable() ? AuthFailure.KEYS_UNAVAILABLE : AuthFailure.UNKNOWN_KEY, keys);
        }
        if (!signatureHolds(jwt, candidates)) {
            return Outcome.no(AuthFailure.BAD_SIGNATURE, keys);
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return Outcome.no(AuthFailure.MALFORMED, keys);
        }
        return checkClaims(claims, nowMillis, keys);
    }

    /**
     * Three base64url segments, the first two non-empty: refuses JWE, JSON serialisation and stray characters before
     * any decoding. An empty signature is let through so that {@code alg: none} is reported as such.
     */
    private static boolean isCompactJws(String token) {
        int dots = 0;
        int segmentLength = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (segmentLength == 0 || dots == 2) {
                    return false;
                }
                dots++;
                segmentLength = 0;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_') {
                segmentLength++;
            } else {
                return false;
            }
        }
        return dots == 2;
    }

    /** For the log: a well-formed header whose {@code alg} Nimbus does not know is a disallowed algorithm. */
    private static boolean namesAnAlgorithm(Base64URL header) {
        try {
            return JSONObjectUtils.parse(header.decodeToString()).get("alg") instanceof String;
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    private static boolean signatureHolds(SignedJWT jwt, List<JWSVerifier> candidates) {
        for (JWSVerifier verifier : candidates) {
            try {
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | RuntimeException e) {
                // A verifier that cannot process the token (bad curve point, wrong signature length) has not
                // verified it.
            }
        }
        return false;
    }

    private Outcome checkClaims(JWTClaimsSet claims, long nowMillis, JwkKeys keys) {
        Object rawSubject = claims.getClaim("sub");
        String subject = rawSubject instanceof String s ? s : null;
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            return new Outcome(new AuthResult.Rejected(AuthFailure.MISSING_CLAIM, subject), keys, 0);
        }
        long validUntil = expires.getTime() + skewMillis;
        if (nowMillis >= validUntil) {
            return new Outcome(new AuthResult.Rejected(AuthFailure.EXPIRED, subject), keys, 0);
        }
        Date notBefore = claims.getNotBeforeTime();
        Date issuedAt = claims.getIssueTime();
        if ((notBefore != null && notBefore.getTime() - skewMillis > nowMillis)
                || (issuedAt != null && issuedAt.getTime() - skewMillis > nowMillis)) {
            return new Outcome(new AuthResult.Rejected(AuthFailure.NOT_YET_VALID, subject), keys, 0);
        }
        if (settings.issuer() != null && !settings.issuer().equals(claims.getIssuer())) {
            return new Outcome(new AuthResult.Rejected(AuthFailure.WRONG_ISSUER, subject), keys, 0);
        }
        if (!settings.audiences().isEmpty() && !namesAnAudience(claims.getAudience())) {
            return new Outcome(new AuthResult.Rejected(AuthFailure.WRONG_AUDIENCE, subject), keys, 0);
        }
        for (String required : settings.requiredClaims()) {
            if (claims.getClaim(required) == null) {
                return new Outcome(new AuthResult.Rejected(AuthFailure.MISSING_CLAIM, subject), keys, 0);
            }
        }
        Set<String> scopes = ScopeClaim.parse(claims.getClaim(settings.scopeClaim()));
        Map<String, Object> plainClaims = JsonValues.freeze(claims.toJSONObject());
        Identity identity = new Identity(subject, scopes, plainClaims, "jwt");
        return new Outcome(new AuthResult.Authenticated(identity), keys, validUntil);
    }

    private boolean namesAnAudience(List<String> tokenAudiences) {
        for (String audience : tokenAudiences) {
            if (settings.audiences().contains(audience)) {
                return true;
            }
        }
        return false;
    }
}
