package io.bulwark.policies.auth;

import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;

import java.util.Date;

import static io.bulwark.policies.auth.TestKeys.NOW;
import static io.bulwark.policies.auth.TestKeys.b64;
import static io.bulwark.policies.auth.TestKeys.claims;
import static io.bulwark.policies.auth.TestKeys.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link JwtAuthenticator#authenticate(String, int, int, long)}: a token read where it lies in its header. */
class JwtHeaderRegionTest {

    private final JwtAuthenticator authenticator =
            new JwtAuthenticator(TestKeys.settings(FixedJwksSource.of(TestKeys.jwks())));

    private static String header(String token) {
        // a fresh string each time, as a container makes one per request
        return new String(("Bearer " + token).toCharArray());
    }

    private AuthResult inHeader(String header, long nowMillis) {
        return authenticator.authenticate(header, "Bearer ".length(), header.length(), nowMillis);
    }

    @Test
    void aTokenVerifiedOnceIsAnsweredFromTheCacheForEveryEqualHeader() {
        String token = sign(JWSAlgorithm.RS256, claims().build());

        AuthResult first = inHeader(header(token), NOW);
        assertThat(first).isInstanceOf(AuthResult.Authenticated.class);

        assertThat(inHeader(header(token), NOW + 1)).isSameAs(first);
        assertThat(authenticator.authenticate(token, NOW + 2)).as("the bare token finds the same entry").isSameAs(first);
    }

    @Test
    void aTamperedPayloadUnderACachedSignatureIsVerifiedAndRefused() {
        String token = sign(JWSAlgorithm.RS256, claims().build());
        assertThat(inHeader(header(token), NOW)).isInstanceOf(AuthResult.Authenticated.class);
        String[] parts = token.split("\\.");
        String elevated = parts[0] + "." + b64(claims().claim("scope", "admin").build().toString()) + "." + parts[2];

        AuthResult forged = inHeader(header(elevated), NOW + 1);

        assertThat(forged).isInstanceOf(AuthResult.Rejected.class);
        assertThat(((AuthResult.Rejected) forged).failure()).isEqualTo(AuthFailure.BAD_SIGNATURE);
    }

    @Test
    void aCachedTokenStillExpires() {
        String token = sign(JWSAlgorithm.ES256, claims().expirationTime(new Date(NOW + 5_000)).build());
        assertThat(inHeader(header(token), NOW)).isInstanceOf(AuthResult.Authenticated.class);
        assertThat(inHeader(header(token), NOW + 4_000)).isInstanceOf(AuthResult.Authenticated.class);

        AuthResult late = inHeader(header(token), NOW + 35_001);

        assertThat(late).isInstanceOf(AuthResult.Rejected.class);
        assertThat(((AuthResult.Rejected) late).failure()).isEqualTo(AuthFailure.EXPIRED);
    }

    @Test
    void anEmptyOrOversizedRegionIsRefusedBeforeAnyDecoding() {
        String empty = "Bearer ";
        assertThat(((AuthResult.Rejected) authenticator.authenticate(empty, 7, 7, NOW)).failure())
                .isEqualTo(AuthFailure.MALFORMED);
        String huge = header("a".repeat(20_000));
        assertThat(((AuthResult.Rejected) inHeader(huge, NOW)).failure()).isEqualTo(AuthFailure.TOO_LARGE);
    }

    @Test
    void aRegionOutsideTheTextIsAProgrammingError() {
        assertThatThrownBy(() -> authenticator.authenticate("Bearer x", 7, 9, NOW))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
