package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.EchoApp;
import io.bulwark.it.support.Http;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.RawHttp;
import io.bulwark.it.support.TestIssuer;

/**
 * Authentication and authorization at entry, for real: an app on Jetty under the agent, a policy and a JWKS written
 * here, keys generated here, tokens signed with Nimbus. Every refused request must be answered by the agent (401/403
 * problem+json with an RFC 6750 challenge) and never reach the app; every accepted one reaches it with the caller.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthenticationIT {

    private static final String POLICY = """
        {
          "version": 1,
          "authentication": {
            "realm": "it-api",
            "jwt": {
              "issuer": "https://issuer.test/",
              "audiences": ["it-api"],
              "jwks": "file:jwks.json",
              "algorithms": ["RS256", "ES256", "HS256"],
              "clockSkew": "5s",
              "requiredClaims": ["sub"]
            },
            "apiKeys": {
              "header": "X-API-Key",
              "keys": [
                { "id": "reporting", "sha256": "%s", "scopes": ["orders:read"] }%s
              ]
            }
          },
          "routes": [
            { "path": "/health", "auth": "public" },
            { "path": "/admin/**", "auth": { "scopes": ["admin"] } },
            { "path": "/api/orders/**", "auth": { "scopes": ["orders:read"] } },
            { "path": "/api/me", "auth": "authenticated" }
          ]
        }
        """;

    private final TestIssuer issuer = TestIssuer.generate();
    private final String reportingKey = randomKey();
    private final String revocableKey = randomKey();
    /** Every token and key sent; none may appear in the attack log or the app's output. */
    private final List<String> secrets = new ArrayList<>();

    private Path workDir;
    private Path policy;
    private DemoProcess app;
    private AttackLog log;

    @BeforeAll
    void start() throws Exception {
        workDir = Files.createTempDirectory("bulwark-auth-it");
        issuer.writeJwks(workDir.resolve("jwks.json"));
        policy = PolicyFiles.write(workDir.resolve(PolicyFiles.DEFAULT_NAME), policy(true));
        secrets.add(reportingKey);
        secrets.add(revocableKey);
        app = EchoApp.start(workDir);
        log = app.attackLog();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void validTokensOfEveryConfiguredAlgorithmReachTheAppWithTheCaller() {
        JWTClaimsSet claims = TestIssuer.claims("alice", "orders:read profile").build();
        for (String token : List.of(issuer.rs256(claims), issuer.es256(claims), issuer.hs256(claims))) {
            HttpResponse<String> response = bearer("/api/orders/1", token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = Http.json(response);
            assertThat(body.path("reached").asBoolean()).isTrue();
            assertThat(body.path("subject").asText()).isEqualTo("alice");
            assertThat(body.path("principal").asText()).as("getUserPrincipal() without container security")
                .isEqualTo("alice");
            assertThat(body.path("scopes").asText()).contains("orders:read", "profile");
            assertThat(body.path("claimKeys").asText()).contains("iss", "sub", "exp");
        }
    }

    @Test
    @Order(2)
    void missingCredentialsAre401WithABareChallenge() {
        HttpResponse<String> response = app.http().get("/api/orders/1");
        assertRefused(response, 401);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).startsWith("Bearer ").contains("realm=\"it-api\"").doesNotContain("error=");
        assertThat(app.http().get("/health").statusCode()).as("public route").isEqualTo(200);
        assertThat(Http.json(app.http().get("/health")).path("principal").isNull()).isTrue();
    }

    @Test
    @Order(3)
    void aTokenWithoutTheRouteScopeIs403InsufficientScope() {
        String token = issuer.rs256(TestIssuer.claims("bob", "profile").build());
        HttpResponse<String> response = bearer("/api/orders/1", token);
        assertRefused(response, 403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
            .contains("error=\"insufficient_scope\"", "scope=\"orders:read\"");
        JsonNode event = awaitEvent(Http.json(response).path("eventId").asText());
        assertThat(AttackLog.text(event, "user.id")).isEqualTo("bob");
        assertThat(bearer("/api/me", token).statusCode()).as("authenticated-only route").isEqualTo(200);
    }

    @Test
    @Order(4)
    void forgedExpiredAndMisdirectedTokensAre401InvalidToken() {
        Instant now = Instant.now();
        JWTClaimsSet good = TestIssuer.claims("carol", "orders:read").build();
        String valid = issuer.rs256(good);
        List<String> refused = List.of(
            issuer.rs256(TestIssuer.claims("carol", "orders:read")
                .expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))).build()),
            issuer.rs256(TestIssuer.claims("carol", "orders:read")
                .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5)))).build()),
            issuer.rs256(TestIssuer.claims("carol", "orders:read").issuer("https://evil.test/").build()),
            issuer.rs256(TestIssuer.claims("carol", "orders:read").audience("other-api").build()),
            TestIssuer.algNone(good),
            issuer.hs256WithRsaPublicKey(good),
            TestIssuer.tamper(valid, payload -> payload.replace("carol", "admin")),
            issuer.rs256WithKid("no-such-kid", good),
            "abc.def.ghi",
            TestIssuer.base64Url("{not json") + "." + TestIssuer.base64Url("{}") + ".c2ln",
            "eyJhbGciOiJSUzI1NiJ9.!!!!.x",
            "a".repeat(20 * 1024));
        for (String token : refused) {
            HttpResponse<String> response = bearer("/api/orders/1", token);
            assertRefused(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .as("token %.40s", token).contains("error=\"invalid_token\"", "realm=\"it-api\"");
        }
        assertThat(bearer("/api/orders/1", valid).statusCode()).as("the untampered token").isEqualTo(200);
    }

    @Test
    @Order(5)
    void refusalsAreLoggedWithTheReasonAndTheTrustedSubjectOnly() {
        String expired = issuer.es256(TestIssuer.claims("dave", "orders:read")
            .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))).build());
        HttpResponse<String> response = bearer("/api/orders/1", expired);
        JsonNode event = awaitEvent(Http.json(response).path("eventId").asText());
        assertThat(AttackLog.text(event, "event.action")).isEqualTo("auth-denied");
        assertThat(AttackLog.text(event, "event.reason")).startsWith("expired");
        assertThat(AttackLog.text(event, "user.id")).as("signature valid, so the subject is known").isEqualTo("dave");

        HttpResponse<String> forgedResponse = bearer("/api/orders/1",
            TestIssuer.tamper(issuer.rs256(TestIssuer.claims("erin", null).build()), p -> p.replace("erin", "frank")));
        JsonNode forgedEvent = awaitEvent(Http.json(forgedResponse).path("eventId").asText());
        assertThat(AttackLog.text(forgedEvent, "user.id")).as("an unverified sub is not a user").isNull();
        assertThat(AttackLog.text(forgedEvent, "event.reason")).startsWith("bad_signature");
    }

    @Test
    @Order(6)
    void apiKeysInTheConfiguredHeader() {
        HttpResponse<String> right = withKey("/api/orders/7", reportingKey);
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(Http.json(right).path("subject").asText()).isEqualTo("reporting");
        assertThat(Http.json(right).path("principal").asText()).isEqualTo("reporting");
        assertRefused(withKey("/api/orders/7", reportingKey + "x"), 401);
        assertRefused(withKey("/admin/users", reportingKey), 403);
    }

    @Test
    @Order(7)
    void pathSpellingsOfAProtectedRouteNeverReachTheAppUnauthenticated() {
        List<String> spellings = List.of("/admin", "//admin", "/./admin", "/admin/", "/admin//users",
            "/%61dmin/users", "/admin;jsessionid=x/users", "/api/../admin", "/api/%2e%2e/admin", "/%2e%2e/admin",
            "/admin%2fusers", "/x/..;/admin", "/ADMIN", "/admin/%2e/users", "/.%2e/admin", "/admin\\users");
        // The app's Jetty is set to let ambiguous paths through (UriCompliance.UNSAFE), so the agent meets them all
        // but the two that climb above the root, which Jetty refuses before any servlet code runs.
        List<String> refusedByJetty = List.of("/%2e%2e/admin", "/.%2e/admin");
        for (String target : spellings) {
            RawHttp.Response response = RawHttp.get(app.port(), target);
            assertThat(response.status()).as(target + " -> " + response.body()).isIn(400, 401);
            assertThat(response.body()).as(target).doesNotContain("\"reached\"");
            if (!refusedByJetty.contains(target)) {
                assertThat(response.header("Content-Type")).as(target + " answered by the agent")
                    .startsWith("application/problem+json");
            }
        }
        String adminToken = issuer.rs256(TestIssuer.claims("root", "admin").build());
        for (String target : List.of("/%61dmin/users", "/api/%2e%2e/admin", "/admin;x=y/users", "/x/..;/admin",
                "//admin/./users")) {
            RawHttp.Response response = RawHttp.get(app.port(), target, "Authorization: Bearer " + adminToken);
            assertThat(response.status()).as(target + " with a valid admin token: " + response.body()).isEqualTo(200);
        }
        secrets.add(adminToken);
    }

    @Test
    @Order(8)
    void aKeyRemovedFromThePolicyIsRefusedAfterTheReload() throws Exception {
        assertThat(withKey("/api/orders/1", revocableKey).statusCode()).isEqualTo(200);
        PolicyFiles.write(policy, policy(false));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status = 200;
        while (System.nanoTime() < deadline && status == 200) {
            Thread.sleep(200);
            status = withKey("/api/orders/1", revocableKey).statusCode();
        }
        assertThat(status).as("revoked within 10 s").isEqualTo(401);
        assertThat(withKey("/api/orders/1", reportingKey).statusCode()).as("the kept key").isEqualTo(200);
    }

    @Test
    @Order(9)
    void noTokenOrKeyAppearsInTheAttackLogOrTheAppOutput() throws Exception {
        assertThat(log.await(AttackLog.where("event.action", "auth-denied"), Duration.ofSeconds(5))).isPresent();
        Thread.sleep(500);
        String logText = Files.readString(log.file(), StandardCharsets.UTF_8);
        String output = String.join("\n", app.stdoutLines()) + "\n" + String.join("\n", app.stderrLines());
        for (String secret : secrets) {
            String probe = secret.length() > 40 ? secret.substring(secret.length() - 40) : secret;
            assertThat(logText).as("attack log").doesNotContain(probe);
            assertThat(output).as("app output").doesNotContain(probe);
        }
        assertThat(output).doesNotContain("Exception");
    }

    private HttpResponse<String> bearer(String path, String token) {
        secrets.add(token);
        return app.http().send(app.http().request(path).header("Authorization", "Bearer " + token).GET());
    }

    private HttpResponse<String> withKey(String path, String key) {
        secrets.add(key);
        return app.http().send(app.http().request(path).header("X-API-Key", key).GET());
    }

    private JsonNode awaitEvent(String eventId) {
        assertThat(eventId).isNotBlank();
        return log.await(AttackLog.where("event.id", eventId), Duration.ofSeconds(5))
            .orElseThrow(() -> new AssertionError("no log event " + eventId));
    }

    private static void assertRefused(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Http.mediaType(response)).isEqualTo("application/problem+json");
        JsonNode body = Http.json(response);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("eventId").asText()).matches("[0-9a-f]{16}");
        assertThat(body.has("reached")).as("the app never ran").isFalse();
    }

    private String policy(boolean withRevocable) {
        String revocable = withRevocable
            ? ",\n        { \"id\": \"revocable\", \"sha256\": \"" + sha256(revocableKey) + "\", \"scopes\": [\"orders:read\"] }"
            : "";
        return POLICY.formatted(sha256(reportingKey), revocable);
    }

    private static String randomKey() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "bk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
