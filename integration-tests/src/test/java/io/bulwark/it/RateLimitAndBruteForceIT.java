package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.EchoApp;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.RawHttp;
import io.bulwark.it.support.TestIssuer;

/**
 * Rate limits, the brute-force block list and client addresses behind a trusted proxy, for real. The test connects
 * from 127.0.0.1, which the policy trusts as a proxy, so each test speaks for its own client address through
 * {@code X-Forwarded-For} and the tests do not share buckets; a connection from 127.0.0.2 is an untrusted peer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitAndBruteForceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = """
        {
          "version": 1,
          "clientIp": { "trustedProxies": ["127.0.0.1/32"] },
          "authentication": {
            "realm": "limits",
            "jwt": { "issuer": "https://issuer.test/", "audiences": ["it-api"], "jwks": "file:jwks.json",
                     "algorithms": ["ES256"] },
            "bruteForce": { "key": "ip", "maxFailures": 3, "per": "1m", "blockFor": "3s" }
          },
          "rateLimits": {
            "per-ip": { "key": "ip", "limit": 5, "per": "1m" },
            "burst-ip": { "key": "ip", "limit": 1, "per": "1m", "burst": 3 },
            "per-subject": { "key": "subject", "limit": 2, "per": "1m" }
          },
          "defaults": { "auth": "public", "rateLimits": [] },
          "routes": [
            { "path": "/limited/**", "rateLimits": ["per-ip"] },
            { "path": "/burst/**", "rateLimits": ["burst-ip"] },
            { "path": "/subject/**", "auth": "authenticated", "rateLimits": ["per-subject"] },
            { "path": "/me", "auth": "authenticated" }
          ]
        }
        """;

    private final TestIssuer issuer = TestIssuer.generate();
    private DemoProcess app;
    private AttackLog log;

    @BeforeAll
    void start() throws Exception {
        Path workDir = Files.createTempDirectory("bulwark-limits-it");
        issuer.writeJwks(workDir.resolve("jwks.json"));
        PolicyFiles.write(workDir.resolve(PolicyFiles.DEFAULT_NAME), POLICY);
        app = EchoApp.start(workDir, "-Dbulwark.floodWindowMillis=1500");
        log = app.attackLog();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theRequestOverTheLimitIs429WithRetryAfterAndRateLimitHeaders() {
        String client = "X-Forwarded-For: 198.51.100.1";
        for (int i = 0; i < 5; i++) {
            assertThat(get("/limited/a", client).status()).as("request " + (i + 1)).isEqualTo(200);
        }
        RawHttp.Response refused = get("/limited/a", client);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).as("one token per 12 s").isBetween(1L, 12L);
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"per-ip\";q=5;w=60");
        assertThat(refused.header("RateLimit")).startsWith("\"per-ip\";r=0;t=");
        assertThat(refused.body()).doesNotContain("reached");
        assertThat(get("/limited/a", "X-Forwarded-For: 198.51.100.2").status()).as("another client").isEqualTo(200);
    }

    @Test
    void burstAdmitsMoreThanTheRateAtOnceThenRefusesUntilATokenReturns() {
        String client = "X-Forwarded-For: 198.51.100.20";
        for (int i = 0; i < 3; i++) {
            assertThat(get("/burst/x", client).status()).as("burst request " + (i + 1)).isEqualTo(200);
        }
        RawHttp.Response refused = get("/burst/x", client);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).as("one token per minute").isBetween(50L, 60L);
    }

    @Test
    void subjectLimitsCountEachCallerSeparatelyWithRealTokens() {
        String client = "X-Forwarded-For: 198.51.100.10";
        String alice = "Authorization: Bearer " + issuer.es256(TestIssuer.claims("alice", null).build());
        String bob = "Authorization: Bearer " + issuer.es256(TestIssuer.claims("bob", null).build());
        assertThat(get("/subject/1", client, alice).status()).isEqualTo(200);
        assertThat(get("/subject/1", client, alice).status()).isEqualTo(200);
        RawHttp.Response refused = get("/subject/1", client, alice);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"per-subject\";q=2;w=60");
        assertThat(get("/subject/1", client, bob).status()).as("same address, other caller").isEqualTo(200);
    }

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeerAndHonouredBehindTheTrustedProxy() {
        List<Integer> spoofed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            spoofed.add(RawHttp.get("127.0.0.2", app.port(), "/limited/b", "X-Forwarded-For: 203.0.113." + i).status());
        }
        assertThat(spoofed).as("an untrusted peer cannot pick a new address per request")
            .containsExactly(200, 200, 200, 200, 200, 429);

        for (int i = 0; i < 6; i++) {
            assertThat(get("/limited/b", "X-Forwarded-For: 203.0.113.100, 203.0.113." + (200 + i)).status())
                .as("each forwarded client has its own bucket").isEqualTo(200);
        }
    }

    @Test
    void aFloodIsOneLogEventPerClientAndLimitWithItsCount() throws Exception {
        String client = "X-Forwarded-For: 198.51.100.30";
        for (int i = 0; i < 5; i++) {
            get("/limited/flood", client);
        }
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            RawHttp.Response response = get("/limited/flood", client);
            assertThat(response.status()).isEqualTo(429);
            eventIds.add(JSON.readTree(response.body()).path("eventId").asText());
        }
        String first = eventIds.get(0);
        long sameWindow = eventIds.stream().filter(first::equals).count();
        assertThat(sameWindow).as("refusals in one window share the event id").isGreaterThan(1);
        JsonNode event = log.await(AttackLog.where("event.id", first), Duration.ofSeconds(10))
            .orElseThrow(() -> new AssertionError("the folded event was never written"));
        assertThat(AttackLog.text(event, "event.action")).isEqualTo("rate-limited");
        assertThat(AttackLog.text(event, "source.ip")).isEqualTo("198.51.100.30");
        assertThat(event.at("/bulwark/count").asLong()).isEqualTo(sameWindow);
        assertThat(log.matching(AttackLog.where("event.id", first))).hasSize(1);
    }

    @Test
    void bruteForceBlocksAfterTheThresholdAndReleasesWhenTheBlockEnds() throws Exception {
        String client = "X-Forwarded-For: 198.51.100.40";
        String valid = "Authorization: Bearer " + issuer.es256(TestIssuer.claims("grace", null).build());
        for (int i = 0; i < 3; i++) {
            assertThat(get("/me", client, "Authorization: Bearer abc.def.ghi" + i).status()).isEqualTo(401);
        }
        RawHttp.Response blocked = get("/me", client, valid);
        assertThat(blocked.status()).as("blocked even with a valid token").isEqualTo(429);
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 3L);
        assertThat(get("/me", client, valid).status()).isEqualTo(429);
        assertThat(get("/me", "X-Forwarded-For: 198.51.100.41", valid).status()).as("other clients").isEqualTo(200);

        assertThat(log.await(event -> "brute-force-blocked".equals(AttackLog.text(event, "event.action"))
            && "198.51.100.40".equals(AttackLog.text(event, "source.ip")), Duration.ofSeconds(5))).isPresent();

        Thread.sleep(Long.parseLong(blocked.header("Retry-After")) * 1000 + 300);
        assertThat(get("/me", client, valid).status()).as("released when the block ends").isEqualTo(200);
        assertThat(log.matching(event -> "brute-force-blocked".equals(AttackLog.text(event, "event.action"))
            && "198.51.100.40".equals(AttackLog.text(event, "source.ip")))).as("logged once per block").hasSize(1);
    }

    @Test
    void missingCredentialsAreNotBruteForceFailures() {
        String client = "X-Forwarded-For: 198.51.100.50";
        for (int i = 0; i < 6; i++) {
            assertThat(get("/me", client).status()).isEqualTo(401);
        }
        String valid = "Authorization: Bearer " + issuer.es256(TestIssuer.claims("heidi", null).build());
        assertThat(get("/me", client, valid).status()).isEqualTo(200);
    }

    private RawHttp.Response get(String path, String... headers) {
        return RawHttp.get(app.port(), path, headers);
    }
}
