package io.bulwark.policies.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.bulwark.policies.auth.TestKeys.NOW;
import static io.bulwark.policies.auth.TestKeys.claims;
import static io.bulwark.policies.auth.TestKeys.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FixedJwksSourceTest {

    @TempDir
    Path dir;

    @Test
    void loadsAJwksFileWithEveryKeyType() throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, TestKeys.jwks().toString(false));
        JwtAuthenticator authenticator = new JwtAuthenticator(TestKeys.settings(FixedJwksSource.load(file)));

        for (String alg : new String[]{"RS256", "ES256", "HS256", "EdDSA"}) {
            assertThat(authenticator.authenticate(sign(JWSAlgorithm.parse(alg), claims().build()), NOW))
                    .as(alg).isInstanceOf(AuthResult.Authenticated.class);
        }
    }

    @Test
    void refusesAFileWithAWeakKeyAndNamesItByKid() throws Exception {
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("old-rsa").generate();
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(weak.toPublicJWK()).toString());

        assertThatThrownBy(() -> FixedJwksSource.load(file)).isInstanceOf(JwksException.class)
                .hasMessageContaining("old-rsa").hasMessageContaining("2048")
                .hasMessageNotContaining(weak.getModulus().toString());
    }

    @Test
    void neverPutsSecretsInErrors() throws Exception {
        Path file = dir.resolve("jwks.json");
        String secret = TestKeys.HMAC.getKeyValue().toString();
        Files.writeString(file, "{\"keys\":[{\"kty\":\"oct\",\"k\":\"" + secret + "\",\"use\":7}]}");

        assertThatThrownBy(() -> FixedJwksSource.load(file)).isInstanceOf(JwksException.class)
                .hasMessageNotContaining(secret);
        assertThatThrownBy(() -> FixedJwksSource.load(dir.resolve("missing.json"))).isInstanceOf(JwksException.class)
                .hasMessageContaining("missing.json");
    }

    @Test
    void refusesAnEmptySetAndShortHmacSecrets() throws Exception {
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "{\"keys\":[]}");
        assertThatThrownBy(() -> FixedJwksSource.load(empty)).hasMessageContaining("no keys");

        JwkKeys shortSecret = FixedJwksSource.hmacSecret("short", new byte[16]).keys(NOW);
        assertThat(shortSecret.size()).isZero();
        assertThat(shortSecret.problems()).singleElement().asString().contains("short").contains("256");
    }
}
