package io.bulwark.policies.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.bulwark.policies.auth.TestKeys.NOW;
import static io.bulwark.policies.auth.TestKeys.b64;
import static io.bulwark.policies.auth.TestKeys.claims;
import static io.bulwark.policies.auth.TestKeys.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtAuthenticatorTest {

    private final JwtAuthenticator authenticator =
            new JwtAuthenticator(TestKeys.settings(FixedJwksSource.of(TestKeys.jwks())));

    private AuthFailure failureOf(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Rejected.class);
        return ((AuthResult.Rejected) result).failure();
    }

    private Identity identityOf(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Authenticated.class);
        return ((AuthResult.Authenticated) result).identity();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "HS256", "EdDSA"})
    void acceptsAValidTokenForEachAlgorithm(String alg) {
        String token = sign(JWSAlgorithm.parse(alg), claims().build());

        Identity identity = identityOf(authenticator.authenticate(token, NOW));

        assertThat(identity.subject()).isEqualTo("alice");
        assertThat(identity.scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
        assertThat(identity.claims()).containsEntry("iss", TestKeys.ISSUER).containsEntry("sub", "alice");
        assertThat(identity.method()).isEqualTo("jwt");
    }

    @Test
    void readsScopesFromAnArrayClaim() {
        JwtAuthenticator roles = new JwtAuthenticator(
                TestKeys.settings(FixedJwksSource.of(TestKeys.jwks())).withScopeClaim("roles"));
        String token = sign(JWSAlgorithm.ES256, claims().claim("roles", List.of("admin", "auditor")).build());

        assertThat(identityOf(roles.authenticate(token, NOW)).scopes()).containsExactlyInAnyOrder("admin", "auditor");
    }

    @Test
    void refusesExpiredTokensButHonoursClockSkew() {
        String token = sign(JWSAlgorithm.RS256, claims().expirationTime(new Date(NOW - 10_000)).build());

        assertThat(identityOf(authenticator.authenticate(token, NOW)).subject()).isEqualTo("alice");
        AuthResult late = authenticator.authenticate(token, NOW + 20_001);
        assertThat(failureOf(late)).isEqualTo(AuthFailure.EXPIRED);
        assertThat(((AuthResult.Rejected) late).subject()).as("signature was valid, so the subject is known")
                .isEqualTo("alice");
    }

    @Test
    void refusesTokensNotValidYet() {
        String notBefore = sign(JWSAlgorithm.ES256, claims().notBeforeTime(new Date(NOW + 31_000)).build());
        String issuedLater = sign(JWSAlgorithm.ES256, claims().issueTime(new Date(NOW + 31_000)).build());

        assertThat(failureOf(authenticator.authenticate(notBefore, NOW))).isEqualTo(AuthFailure.NOT_YET_VALID);
        assertThat(failureOf(authenticator.authenticate(issuedLater, NOW))).isEqualTo(AuthFailure.NOT_YET_VALID);
        assertThat(identityOf(authenticator.authenticate(notBefore, NOW + 2_000)).subject()).isEqualTo("alice");
    }

    @Test
    void refusesWrongIssuerAndAudience() {
        String issuer = sign(JWSAlgorithm.RS256, claims().issuer("https://evil.example.com/").build());
        String audience = sign(JWSAlgorithm.RS256, claims().audience(List.of("billing-api", "other")).build());

        assertThat(failureOf(authenticator.authenticate(issuer, NOW))).isEqualTo(AuthFailure.WRONG_ISSUER);
        assertThat(failureOf(authenticator.authenticate(audience, NOW))).isEqualTo(AuthFailure.WRONG_AUDIENCE);
    }

    @Test
    void requiresExpAndConfiguredClaims() {
        JwtAuthenticator strict = new JwtAuthenticator(
                TestKeys.settings(FixedJwksSource.of(TestKeys.jwks())).withRequiredClaims(List.of("tenant")));
        String noExp = sign(JWSAlgorithm.ES256, claims().expirationTime(null).build());
        String noTenant = sign(JWSAlgorithm.ES256, claims().build());
        String withTenant = sign(JWSAlgorithm.ES256, claims().claim("tenant", "t1").build());

        assertThat(failureOf(authenticator.authenticate(noExp, NOW))).isEqualTo(AuthFailure.MISSING_CLAIM);
        assertThat(failureOf(strict.authenticate(noTenant, NOW))).isEqualTo(AuthFailure.MISSING_CLAIM);
        assertThat(identityOf(strict.authenticate(withTenant, NOW)).claims()).containsEntry("tenant", "t1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"alg\":\"none\"}", "{\"alg\":\"none\",\"kid\":\"rsa-1\"}", "{\"alg\":\"NONE\"}",
            "{\"alg\":\"HS1\"}"})
    void refusesUnsignedAndUnknownAlgorithms(String header) {
        String payload = b64("{\"sub\":\"admin\",\"iss\":\"" + TestKeys.ISSUER + "\",\"aud\":\"orders-api\","
                + "\"exp\":" + (NOW / 1000 + 600) + "}");
        String unsigned = b64(header) + "." + payload + ".";
        String withJunkSignature = b64(header) + "." + payload + ".c2ln";

        assertThat(failureOf(authenticator.authenticate(unsigned, NOW))).isEqualTo(AuthFailure.DISALLOWED_ALGORITHM);
        assertThat(failureOf(authenticator.authenticate(withJunkSignature, NOW)))
                .isEqualTo(AuthFailure.DISALLOWED_ALGORITHM);
    }

    @Test
    void algNoneWithSignatureSegmentIsADisallowedAlgorithm() {
        String token = b64("{\"alg\":\"none\"}") + "." + b64("{\"sub\":\"admin\"}") + ".c2ln";

        assertThat(failureOf(authenticator.authenticate(token, NOW))).isEqualTo(AuthFailure.DISALLOWED_ALGORITHM);
    }

    @Test
    void refusesAlgorithmsOutsideTheAllowList() {
        JwtAuthenticator rsaOnly = new JwtAuthenticator(JwtSettings.of(TestKeys.ISSUER, List.of(TestKeys.AUDIENCE),
                Set.of("RS256"), FixedJwksSource.of(TestKeys.jwks())));

        assertThat(failureOf(rsaOnly.authenticate(sign(JWSAlgorithm.HS256, claims().build()), NOW)))
                .isEqualTo(AuthFailure.DISALLOWED_ALGORITHM);
        assertThat(failureOf(rsaOnly.authenticate(sign(JWSAlgorithm.ES256, claims().build()), NOW)))
                .isEqualTo(AuthFailure.DISALLOWED_ALGORITHM);
    }

    @Test
    void keyConfusionHs256SignedWithTheRsaPublicKeyIsRefused() throws Exception {
        byte[] publicKeyBytes = TestKeys.RSA.toRSAPublicKey().getEncoded();
        byte[] publicJwkBytes = TestKeys.RSA.toPublicJWK().toJSONString().getBytes();
        for (byte[] secret : List.of(publicKeyBytes, publicJwkBytes)) {
            MACSigner signer = new MACSigner(secret);
            String withRsaKid = sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
                    claims().build(), signer);
            String withoutKid = sign(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims().build(), signer);

            assertThat(failureOf(authenticator.authenticate(withRsaKid, NOW))).isEqualTo(AuthFailure.UNKNOWN_KEY);
            assertThat(failureOf(authenticator.authenticate(withoutKid, NOW))).isEqualTo(AuthFailure.BAD_SIGNATURE);
        }
    }

    @Test
    void refusesATamperedPayload() {
        String token = sign(JWSAlgorithm.RS256, claims().build());
        String[] parts = token.split("\\.");
        String elevated = b64(claims().claim("scope", "admin").build().toString());

        assertThat(failureOf(authenticator.authenticate(parts[0] + "." + elevated + "." + parts[2], NOW)))
                .isEqualTo(AuthFailure.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "HS256", "EdDSA"})
    void refusesATamperedOrTruncatedSignature(String alg) {
        String token = sign(JWSAlgorithm.parse(alg), claims().build());
        char last = token.charAt(token.length() - 5);
        String flipped = token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4);
        String truncated = token.substring(0, token.length() - 8);

        assertThat(failureOf(authenticator.authenticate(flipped, NOW))).isEqualTo(AuthFailure.BAD_SIGNATURE);
        assertThat(failureOf(authenticator.authenticate(truncated, NOW))).isEqualTo(AuthFailure.BAD_SIGNATURE);
    }

    @Test
    void refusesAnUnknownKid() {
        String token = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-2").build(), claims().build(),
                TestKeys.signerFor(TestKeys.RSA));

        assertThat(failureOf(authenticator.authenticate(token, NOW))).isEqualTo(AuthFailure.UNKNOWN_KEY);
    }

    @Test
    void withoutKidOnlyASingleFittingKeyIsTried() throws JOSEException {
        OctetSequenceKey second = new OctetSequenceKeyGenerator(256).keyID("hmac-2").generate();
        JwtAuthenticator twoSecrets = new JwtAuthenticator(TestKeys.settings(
                FixedJwksSource.of(new JWKSet(List.of(TestKeys.HMAC, second)))));
        String token = sign(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims().build(), new MACSigner(second));

        assertThat(identityOf(authenticator.authenticate(
                sign(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims().build(), new MACSigner(TestKeys.HMAC)),
                NOW)).subject()).isEqualTo("alice");
        assertThat(failureOf(twoSecrets.authenticate(token, NOW))).isEqualTo(AuthFailure.UNKNOWN_KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a.b", "a.b.c.d.e", "a..c", ".b.c", "a.b.", "ab!.cd.ef", "a b.c.d",
            "eyJhbGciOiJSUzI1NiJ9.e30.%%%", "bm90IGpzb24.e30.c2ln", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln\n"})
    void refusesMalformedTokens(String token) {
        assertThat(failureOf(authenticator.authenticate(token, NOW)))
                .isIn(AuthFailure.MALFORMED, AuthFailure.UNKNOWN_KEY, AuthFailure.BAD_SIGNATURE);
    }

    @Test
    void headerThatIsNotJsonIsMalformed() {
        String token = b64("not json") + "." + b64("{}") + ".c2ln";

        assertThat(failureOf(authenticator.authenticate(token, NOW))).isEqualTo(AuthFailure.MALFORMED);
    }

    @Test
    void correctlySignedPayloadThatIsNotJsonIsMalformed() throws JOSEException {
        JWSObject object = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("hmac-1").build(),
                new Payload("not json"));
        object.sign(new MACSigner(TestKeys.HMAC));

        assertThat(failureOf(authenticator.authenticate(object.serialize(), NOW))).isEqualTo(AuthFailure.MALFORMED);
    }

    @Test
    void refusesA20KbTokenBeforeDecodingIt() {
        String token = sign(JWSAlgorithm.HS256, claims().claim("pad", "x".repeat(20_000)).build());
        assertThat(token.length()).isGreaterThan(20_000);

        assertThat(failureOf(authenticator.authenticate(token, NOW))).isEqualTo(AuthFailure.TOO_LARGE);
    }

    @Test
    void cachesVerifiedTokensUntilExpiry() {
        String token = sign(JWSAlgorithm.ES256, claims().expirationTime(new Date(NOW + 5_000)).build());

        AuthResult first = authenticator.authenticate(token, NOW);
        AuthResult second = authenticator.authenticate(token, NOW + 1);

        assertThat(second).isSameAs(first);
        assertThat(failureOf(authenticator.authenticate(token, NOW + 35_000))).isEqualTo(AuthFailure.EXPIRED);
    }

    @Test
    void cacheOffVerifiesEveryTime() {
        JwtAuthenticator uncached = new JwtAuthenticator(
                TestKeys.settings(FixedJwksSource.of(TestKeys.jwks())).withCaches(0, 0));
        String token = sign(JWSAlgorithm.ES256, claims().build());

        assertThat(uncached.authenticate(token, NOW)).isNotSameAs(uncached.authenticate(token, NOW))
                .isInstanceOf(AuthResult.Authenticated.class);
    }

    @Test
    void remembersRejectionsThatCannotChange() {
        String token = sign(JWSAlgorithm.RS256, claims().issuer("https://evil.example.com/").build());

        AuthResult first = authenticator.authenticate(token, NOW);
        assertThat(authenticator.authenticate(token, NOW + 1)).isSameAs(first);
        assertThat(authenticator.authenticate(token, NOW + JwtAuthenticator.REJECTION_MEMORY_MILLIS))
                .isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void aKeyLeavingTheSetInvalidatesCachedTokens() {
        MutableSource source = new MutableSource(TestKeys.jwks());
        JwtAuthenticator rotating = new JwtAuthenticator(TestKeys.settings(source));
        String token = sign(JWSAlgorithm.RS256, claims().build());
        assertThat(rotating.authenticate(token, NOW)).isInstanceOf(AuthResult.Authenticated.class);

        source.set(new JWKSet(TestKeys.EC.toPublicJWK()));

        assertThat(failureOf(rotating.authenticate(token, NOW + 1))).isEqualTo(AuthFailure.UNKNOWN_KEY);
    }

    @Test
    void claimsHandedToTheAppCannotBeChanged() {
        String token = sign(JWSAlgorithm.HS256, claims().claim("groups", List.of("a", "b"))
                .claim("address", Map.of("city", "Oslo")).build());
        Identity identity = identityOf(authenticator.authenticate(token, NOW));

        assertThatThrownBy(() -> identity.claims().put("sub", "root")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> groups = (List<Object>) identity.claims().get("groups");
        assertThatThrownBy(() -> groups.add("admin")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) identity.claims().get("address");
        assertThatThrownBy(() -> address.put("city", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void resultsNeverCarryTheToken() {
        String good = sign(JWSAlgorithm.RS256, claims().build());
        String bad = good.substring(0, good.length() - 6) + "AAAAAA";
        String signature = good.substring(good.lastIndexOf('.') + 1);

        for (AuthResult result : List.of(authenticator.authenticate(good, NOW), authenticator.authenticate(bad, NOW))) {
            assertThat(result.toString()).doesNotContain(signature.substring(0, 20)).doesNotContain(good.substring(0, 30));
        }
        for (AuthFailure failure : AuthFailure.values()) {
            assertThat(failure.description()).doesNotContain("eyJ");
        }
    }

    @Test
    void refusesUnsupportedSettings() {
        assertThatThrownBy(() -> JwtSettings.of(null, List.of(), Set.of("none"), FixedJwksSource.of(TestKeys.jwks())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none");
        assertThatThrownBy(() -> JwtSettings.of(null, List.of(), Set.of(), FixedJwksSource.of(TestKeys.jwks())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestKeys.settings(FixedJwksSource.of(TestKeys.jwks())).withClockSkew(Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsAnyListedAudienceAndNoIssuerCheckWhenUnset() {
        JwtAuthenticator lenient = new JwtAuthenticator(JwtSettings.of(null, List.of("x", TestKeys.AUDIENCE),
                Set.of("ES256"), FixedJwksSource.of(TestKeys.jwks())));
        String token = sign(JWSAlgorithm.ES256, claims().issuer("anyone").audience(List.of("y", TestKeys.AUDIENCE)).build());

        assertThat(identityOf(lenient.authenticate(token, NOW)).subject()).isEqualTo("alice");
    }

    @Test
    void refusesCriticalHeadersItDoesNotUnderstand() {
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.EdDSA)) {
            JWSHeader header = new JWSHeader.Builder(alg).keyID(TestKeys.keyFor(alg).getKeyID())
                    .criticalParams(Set.of("exp-policy")).customParam("exp-policy", "x").build();
            String token = sign(header, claims().build(), TestKeys.signerFor(TestKeys.keyFor(alg).getKeyID().startsWith("ed")
                    ? TestKeys.ED.publicJwk() : TestKeys.RSA));

            assertThat(failureOf(authenticator.authenticate(token, NOW))).isEqualTo(AuthFailure.BAD_SIGNATURE);
        }
    }

    /** A key source whose keys a test can swap, as a reloaded policy or a rotated JWKS would. */
    static final class MutableSource implements JwksSource {
        private volatile JwkKeys keys;

        MutableSource(JWKSet set) {
            set(set);
        }

        void set(JWKSet set) {
            keys = JwkKeys.of(set);
        }

        @Override
        public JwkKeys keys(long nowMillis) {
            return keys;
        }
    }

    static JWTClaimsSet plain() {
        return claims().build();
    }
}
