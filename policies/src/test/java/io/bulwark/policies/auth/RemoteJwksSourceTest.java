package io.bulwark.policies.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.bulwark.policies.auth.TestKeys.NOW;
import static io.bulwark.policies.auth.TestKeys.claims;
import static io.bulwark.policies.auth.TestKeys.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A JWKS served by a real HTTP server on the loopback interface, which the tests take down. */
class RemoteJwksSourceTest {

    private static final Duration CACHE_FOR = Duration.ofMinutes(5);
    private static final Duration MIN_REFRESH = Duration.ofSeconds(30);
    private static final Duration MAX_STALE = Duration.ofMinutes(10);

    private HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private URI uri;

    @BeforeEach
    void start() throws IOException {
        body.set(new JWKSet(TestKeys.RSA.toPublicJWK()).toString());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            if (status.get() == 302) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            }
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private RemoteJwksSource source() {
        return RemoteJwksSource.create(uri, new RemoteJwksSource.Options(CACHE_FOR, MIN_REFRESH, MAX_STALE,
                Duration.ofSeconds(2), 64 * 1024, true, null));
    }

    private JwtAuthenticator authenticator(JwksSource source) {
        return new JwtAuthenticator(TestKeys.settings(source).withCaches(0, 0));
    }

    @Test
    void requiresHttpsUnlessLoopbackHttpIsOptedInto() {
        RemoteJwksSource.Options strict = RemoteJwksSource.Options.defaults(CACHE_FOR);
        assertThatIllegalArgumentException().isThrownBy(() -> RemoteJwksSource.create(uri, strict))
                .withMessageContaining("https");
        RemoteJwksSource.Options loopbackOnly = new RemoteJwksSource.Options(CACHE_FOR, MIN_REFRESH, MAX_STALE,
                Duration.ofSeconds(1), 1024, true, null);
        assertThatIllegalArgumentException().isThrownBy(() ->
                RemoteJwksSource.create(URI.create("http://example.com/jwks.json"), loopbackOnly));
        assertThat(RemoteJwksSource.create(URI.create("https://example.com/jwks.json"), strict)).isNotNull();
    }

    @Test
    void fetchesOnceAndServesFromCache() {
        RemoteJwksSource source = source();
        JwtAuthenticator authenticator = authenticator(source);
        String token = sign(JWSAlgorithm.RS256, claims().build());

        for (int i = 0; i < 5; i++) {
            assertThat(authenticator.authenticate(token, NOW + i * 1000L)).isInstanceOf(AuthResult.Authenticated.class);
        }
        assertThat(fetches).hasValue(1);
    }

    @Test
    void refetchesOnAnUnknownKidButNotMoreOftenThanAllowed() throws Exception {
        RemoteJwksSource source = source();
        JwtAuthenticator authenticator = authenticator(source);
        assertThat(source.keys(NOW).size()).isEqualTo(1);
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        body.set(new JWKSet(java.util.List.of(TestKeys.RSA.toPublicJWK(), rotated.toPublicJWK())).toString());
        String newToken = TestKeys.sign(new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-2").build(),
                claims().build(), TestKeys.signerFor(rotated));
        String madeUpKid = TestKeys.sign(new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.RS256).keyID("nope").build(),
                claims().build(), TestKeys.signerFor(rotated));

        assertThat(authenticator.authenticate(newToken, NOW + 1_000)).as("too soon after the first fetch")
                .isInstanceOf(AuthResult.Rejected.class);
        assertThat(authenticator.authenticate(newToken, NOW + 31_000)).isInstanceOf(AuthResult.Authenticated.class);
        assertThat(fetches).hasValue(2);
        for (int i = 0; i < 50; i++) {
            assertThat(((AuthResult.Rejected) authenticator.authenticate(madeUpKid, NOW + 32_000 + i)).failure())
                    .isEqualTo(AuthFailure.UNKNOWN_KEY);
        }
        assertThat(fetches).as("a flood of unknown kids costs at most one fetch per interval").hasValue(2);
    }

    @Test
    void keepsCachedKeysWhileTheUrlIsDownThenDropsThem() {
        RemoteJwksSource source = source();
        JwtAuthenticator authenticator = authenticator(source);
        String token = sign(JWSAlgorithm.RS256, claims().expirationTime(new java.util.Date(NOW + 3_600_000)).build());
        assertThat(authenticator.authenticate(token, NOW)).isInstanceOf(AuthResult.Authenticated.class);

        server.stop(0);

        long afterCache = NOW + CACHE_FOR.toMillis() + 1_000;
        assertThat(authenticator.authenticate(token, afterCache)).isInstanceOf(AuthResult.Authenticated.class);
        assertThat(source.lastProblem()).contains("cannot fetch JWKS").doesNotContain("\"n\"");
        long nearEnd = NOW + CACHE_FOR.toMillis() + MAX_STALE.toMillis() - 1_000;
        assertThat(authenticator.authenticate(token, nearEnd)).isInstanceOf(AuthResult.Authenticated.class);
        long afterStale = NOW + CACHE_FOR.toMillis() + MAX_STALE.toMillis() + 1;
        assertThat(((AuthResult.Rejected) authenticator.authenticate(token, afterStale)).failure())
                .isEqualTo(AuthFailure.KEYS_UNAVAILABLE);
        assertThat(AuthFailure.KEYS_UNAVAILABLE.countsAsBruteForce()).isFalse();
    }

    @Test
    void recoversWhenTheUrlComesBack() {
        status.set(503);
        RemoteJwksSource source = source();
        JwtAuthenticator authenticator = authenticator(source);
        String token = sign(JWSAlgorithm.RS256, claims().build());

        assertThat(((AuthResult.Rejected) authenticator.authenticate(token, NOW)).failure())
                .isEqualTo(AuthFailure.KEYS_UNAVAILABLE);
        assertThat(source.lastProblem()).contains("503");
        status.set(200);
        assertThat(authenticator.authenticate(token, NOW + 1_000)).as("rate-limited retry")
                .isInstanceOf(AuthResult.Rejected.class);
        assertThat(authenticator.authenticate(token, NOW + MIN_REFRESH.toMillis() + 1))
                .isInstanceOf(AuthResult.Authenticated.class);
    }

    @Test
    void refusesOversizedBodiesRedirectsAndSecrets() {
        body.set("{\"keys\":[" + "{\"kty\":\"oct\",\"k\":\"" + "A".repeat(70_000) + "\"}]}");
        RemoteJwksSource big = source();
        assertThat(big.keys(NOW).isUnavailable()).isTrue();
        assertThat(big.lastProblem()).contains("larger than");

        body.set(new JWKSet(TestKeys.HMAC).toString());
        RemoteJwksSource secretsOnly = source();
        assertThat(secretsOnly.keys(NOW).isUnavailable()).isTrue();
        assertThat(secretsOnly.lastProblem()).contains("no usable public keys");

        status.set(302);
        RemoteJwksSource redirected = source();
        assertThat(redirected.keys(NOW).isUnavailable()).isTrue();
        assertThat(redirected.lastProblem()).contains("302");
    }
}
