package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.bulwark.agent.log.AttackEvent;
import io.bulwark.agent.log.EventActions;
import io.bulwark.policies.model.Policy;
import io.bulwark.policies.model.parse.PolicyParseResult;
import io.bulwark.policies.model.parse.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order and answers of the entry checks, on plain requests, real policies, real keys and real signed tokens. */
class EntryChecksTest {

    private static final long NOW_MILLIS = System.currentTimeMillis();
    private static KeyPair rsa;

    @TempDir
    Path dir;

    private final List<AttackEvent> events = new ArrayList<>();
    private final EntryChecks checks = new EntryChecks(events::add);

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
    }

    record Request(String method, String rawPath, String peerAddress, Map<String, String> headerMap,
                   String queryString) implements EntryRequest {
        Request(String rawPath, Map<String, String> headers) {
            this("GET", rawPath, "192.0.2.7", headers, null);
        }

        @Override
        public String header(String name) {
            return headerMap.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        @Override
        public List<String> headers(String name) {
            String value = header(name);
            return value == null ? List.of() : List.of(value);
        }
    }

    @Test
    void aPolicyWithNothingToCheckAtEntryTakesTheFastPath() throws Exception {
        assertThat(activate("{\"version\": 1, \"injection\": {\"sql\": \"block\"}}").checksEntry()).isFalse();
        assertThat(activate(jwtPolicy("")).checksEntry()).isTrue();
    }

    @Test
    void missingCredentialsAre401WithoutAnErrorCodeAndLoggedOnce() throws Exception {
        EntryOutcome outcome = run(activate(jwtPolicy("")), new Request("/orders/1", Map.of()));

        assertThat(outcome.denial().status()).isEqualTo(401);
        assertThat(outcome.denial().headers().get("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"unit\"").doesNotContain("error");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(EventActions.AUTH_DENIED);
            assertThat(e.id()).isEqualTo(outcome.denial().eventId());
            assertThat(e.reason()).startsWith("missing_credentials");
        });
    }

    @Test
    void aValidTokenIsAdmittedWithItsIdentityAndRoute() throws Exception {
        String token = token("alice", "orders:read");
        EntryOutcome outcome = run(activate(jwtPolicy("")), bearer("/orders/%31", token));

        assertThat(outcome.isDenied()).isFalse();
        assertThat(outcome.identity().subject()).isEqualTo("alice");
        assertThat(outcome.route().route().path().toString()).isEqualTo("/orders/**");
        assertThat(events).isEmpty();
    }

    @Test
    void aTokenWithoutTheScopeIs403NamingTheScope() throws Exception {
        EntryOutcome outcome = run(activate(jwtPolicy("")), bearer("/orders/1", token("bob", "profile")));

        assertThat(outcome.denial().status()).isEqualTo(403);
        assertThat(outcome.denial().headers().get("WWW-Authenticate"))
                .contains("error=\"insufficient_scope\"", "scope=\"orders:read\"");
        assertThat(events).singleElement().satisfies(e -> assertThat(e.userId()).isEqualTo("bob"));
    }

    @Test
    void ipLimitsRunBeforeAnySignatureIsChecked() throws Exception {
        ActivePolicy policy = activate(jwtPolicy("""
                , "rateLimits": { "per-ip": { "key": "ip", "limit": 1, "per": "1m" } },
                "defaults": { "rateLimits": ["per-ip"] }"""));
        String forged = token("eve", "orders:read") + "x";
        assertThat(run(policy, bearer("/orders/1", forged)).denial().status()).isEqualTo(401);
        events.clear();

        EntryOutcome second = run(policy, bearer("/orders/1", forged));

        assertThat(second.denial().status()).isEqualTo(429);
        assertThat(second.denial().headers()).containsKeys("Retry-After", "RateLimit-Policy", "RateLimit");
        assertThat(events).as("no auth-denied: the token was never looked at").isEmpty();
    }

    @Test
    void repeatedBadTokensBlockTheClientOnceUntilTheBlockEnds() throws Exception {
        ActivePolicy policy = activate(jwtPolicy("", """
                , "bruteForce": { "key": "ip", "maxFailures": 2, "per": "1m", "blockFor": "30s" }"""));
        run(policy, bearer("/orders/1", "bad.token.one"));
        run(policy, bearer("/orders/1", "bad.token.two"));
        EntryOutcome blocked = checks.run(policy, bearer("/orders/1", token("alice", "orders:read")),
                NOW_MILLIS + 1000, System.nanoTime());

        assertThat(blocked.denial().status()).isEqualTo(429);
        assertThat(blocked.denial().headers().get("Retry-After")).isEqualTo("29");
        assertThat(events.stream().filter(e -> e.action().equals(EventActions.BRUTE_FORCE_BLOCKED))).hasSize(1);
        EntryOutcome released = checks.run(policy, bearer("/orders/1", token("alice", "orders:read")),
                NOW_MILLIS + 31_000, System.nanoTime());
        assertThat(released.isDenied()).isFalse();
    }

    @Test
    void missingCredentialsNeverCountAsBruteForce() throws Exception {
        ActivePolicy policy = activate(jwtPolicy("", """
                , "bruteForce": { "key": "ip", "maxFailures": 2, "per": "1m", "blockFor": "30s" }"""));
        for (int i = 0; i < 5; i++) {
            assertThat(run(policy, new Request("/orders/1", Map.of())).denial().status()).isEqualTo(401);
        }
        assertThat(run(policy, bearer("/orders/1", token("alice", "orders:read"))).isDenied()).isFalse();
    }

    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxy() throws Exception {
        ActivePolicy policy = activate("""
                { "version": 1, "clientIp": { "trustedProxies": ["192.0.2.0/24"] } }""");
        Map<String, String> spoof = Map.of("X-Forwarded-For", "203.0.113.9");

        assertThat(EntryChecks.clientIp(policy, new Request("GET", "/", "192.0.2.7", spoof, null)))
                .isEqualTo("203.0.113.9");
        assertThat(EntryChecks.clientIp(policy, new Request("GET", "/", "198.51.100.1", spoof, null)))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void anAmbiguousPathIs400WhereRoutesGivePathsMeaning() throws Exception {
        EntryOutcome outcome = run(activate(jwtPolicy("")), new Request("/orders%2f1", Map.of()));

        assertThat(outcome.denial().status()).isEqualTo(400);
        assertThat(new String(outcome.denial().body(), StandardCharsets.UTF_8)).doesNotContain("orders%2f1");
        assertThat(events).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo(EventActions.INPUT_INVALID));
    }

    @Test
    void apiKeysFromAQueryParameterAuthenticateByTheirId() throws Exception {
        String key = "k3y-for-unit-tests";
        ActivePolicy policy = activate("""
                { "version": 1,
                  "authentication": { "apiKeys": { "queryParam": "api_key", "keys": [
                    { "id": "batch", "sha256": "%s", "scopes": ["orders:read"] } ] } } }"""
                .formatted(sha256(key)));

        EntryOutcome right = run(policy, new Request("GET", "/orders", "192.0.2.7", Map.of(), "a=1&api_key=" + key));
        EntryOutcome wrong = run(policy, new Request("GET", "/orders", "192.0.2.7", Map.of(), "api_key=nope"));

        assertThat(right.identity().subject()).isEqualTo("batch");
        assertThat(wrong.denial().status()).isEqualTo(401);
        assertThat(events).allSatisfy(e -> assertThat(e.urlQuery()).doesNotContain("nope"));
    }

    @Test
    void bucketsSurviveAReloadOfTheSamePolicy() throws Exception {
        String json = """
                { "version": 1, "rateLimits": { "per-ip": { "key": "ip", "limit": 1, "per": "1m" } },
                  "defaults": { "rateLimits": ["per-ip"] } }""";
        EntryState shared = new EntryState();
        assertThat(run(new ActivePolicy(parse(json), shared), new Request("/", Map.of())).isDenied()).isFalse();

        EntryOutcome afterReload = run(new ActivePolicy(parse(json), shared), new Request("/", Map.of()));

        assertThat(afterReload.denial().status()).isEqualTo(429);
    }

    @Test
    void theTokenIsFoundWhateverTheSchemeCaseAndSurroundingSpaces() throws Exception {
        ActivePolicy policy = activate(jwtPolicy(""));
        String token = token("alice", "orders:read");

        for (String header : List.of("Bearer " + token, "bearer " + token, "BEARER   " + token + "  ",
                "Bearer \t" + token)) {
            EntryOutcome outcome = run(policy, new Request("/orders/1", Map.of("Authorization", header)));
            assertThat(outcome.isDenied()).as(header.substring(0, 10)).isFalse();
            assertThat(outcome.identity().subject()).isEqualTo("alice");
        }
        assertThat(events).isEmpty();
    }

    @Test
    void aCachedTokenAdmitsEveryCopyOfItsHeaderButNotATamperedOne() throws Exception {
        ActivePolicy policy = activate(jwtPolicy(""));
        String header = "Bearer " + token("alice", "orders:read");
        EntryOutcome first = run(policy, new Request("/orders/1", Map.of("Authorization", header)));
        EntryOutcome second = run(policy,
                new Request("/orders/1", Map.of("Authorization", new String(header.toCharArray()))));
        String[] parts = header.split("\\.");
        String elevated = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"https://issuer.unit/\",\"sub\":\"eve\",\"scope\":\"orders:read\",\"exp\":"
                        + (NOW_MILLIS / 1000 + 600) + "}").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        EntryOutcome forged = run(policy, new Request("/orders/1", Map.of("Authorization", elevated)));

        assertThat(second.identity()).isSameAs(first.identity());
        assertThat(forged.denial().status()).isEqualTo(401);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.reason()).startsWith("bad_signature"));
    }

    @Test
    void anotherSchemeOrABareSchemeNameIsNoCredentialAtAll() throws Exception {
        ActivePolicy policy = activate(jwtPolicy(""));
        String token = token("alice", "orders:read");

        for (String header : List.of("Basic YWxpY2U6c2VjcmV0", "Bearer", "Bearer" + token, "Bearers " + token)) {
            events.clear();
            EntryOutcome outcome = run(policy, new Request("/orders/1", Map.of("Authorization", header)));
            assertThat(outcome.denial().status()).isEqualTo(401);
            assertThat(outcome.denial().headers().get("WWW-Authenticate")).doesNotContain("invalid_token");
            assertThat(events).singleElement().satisfies(e -> assertThat(e.reason()).startsWith("missing_credentials"));
        }
    }

    @Test
    void anEmptyBearerTokenIsARefusedCredentialNotAMissingOne() throws Exception {
        EntryOutcome outcome = run(activate(jwtPolicy("")),
                new Request("/orders/1", Map.of("Authorization", "Bearer    ")));

        assertThat(outcome.denial().status()).isEqualTo(401);
        assertThat(outcome.denial().headers().get("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void ipAndCallerLimitsBothCountAnAdmittedRequest() throws Exception {
        ActivePolicy policy = activate(jwtPolicy("""
                , "rateLimits": { "per-ip": { "key": "ip", "limit": 3, "per": "1m" },
                                  "per-caller": { "key": "subject", "limit": 2, "per": "1m" } },
                "defaults": { "rateLimits": ["per-ip", "per-caller"] }"""));
        String alice = token("alice", "orders:read");
        assertThat(run(policy, bearer("/orders/1", alice)).isDenied()).isFalse();
        assertThat(run(policy, bearer("/orders/1", alice)).isDenied()).isFalse();

        EntryOutcome third = run(policy, bearer("/orders/1", alice));
        assertThat(third.denial().status()).isEqualTo(429);
        assertThat(third.denial().headers().get("RateLimit-Policy")).contains("per-caller");

        EntryOutcome fourth = run(policy, bearer("/orders/1", token("bob", "orders:read")));
        assertThat(fourth.denial().status()).as("per-ip counted all three").isEqualTo(429);
        assertThat(fourth.denial().headers().get("RateLimit-Policy")).contains("per-ip");
    }

    private EntryOutcome run(ActivePolicy policy, EntryRequest request) {
        return checks.run(policy, request, NOW_MILLIS, System.nanoTime());
    }

    private static Request bearer(String path, String token) {
        return new Request(path, Map.of("Authorization", "Bearer " + token));
    }

    private String jwtPolicy(String topLevel) throws Exception {
        return jwtPolicy(topLevel, "");
    }

    private String jwtPolicy(String topLevel, String inAuthentication) throws Exception {
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(new RSAKey.Builder((RSAPublicKey) rsa.getPublic())
                .keyID("k1").build()).toString());
        return """
                { "version": 1,
                  "authentication": { "realm": "unit",
                    "jwt": { "issuer": "https://issuer.unit/", "jwks": "file:jwks.json", "algorithms": ["RS256"] }%s },
                  "routes": [ { "path": "/orders/**", "auth": { "scopes": ["orders:read"] } } ]%s }"""
                .formatted(inAuthentication, topLevel);
    }

    private static String token(String subject, String scope) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer("https://issuer.unit/").subject(subject).claim("scope", scope)
                        .expirationTime(new Date(NOW_MILLIS + 600_000)).build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) rsa.getPrivate()));
        return jwt.serialize();
    }

    private ActivePolicy activate(String json) throws Exception {
        return new ActivePolicy(parse(json));
    }

    private Policy parse(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("policy-" + System.nanoTime() + ".json"), json);
        PolicyParseResult result = PolicyParser.parse(file);
        assertThat(result.errors()).as(json).isEmpty();
        return result.policy().orElseThrow();
    }

    private static String sha256(String key) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
