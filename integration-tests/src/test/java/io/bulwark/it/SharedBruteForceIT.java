package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.EmbeddedRedis;
import io.bulwark.it.support.EchoApp;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.RawHttp;
import io.bulwark.it.support.TestIssuer;

/**
 * Two app JVMs under the agent with one brute-force threshold shared through one real Redis server: failed
 * credentials split across the nodes add up, the block holds on both, and it is logged once for the fleet.
 * Each node alone sees fewer failures than the threshold, so a block on either proves the count is shared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedBruteForceIT {

    private static final int MAX_FAILURES = 4;
    private static final String POLICY = """
        {
          "version": 1,
          "clientIp": { "trustedProxies": ["127.0.0.1/32"] },
          "authentication": {
            "realm": "fleet",
            "jwt": { "issuer": "https://issuer.test/", "audiences": ["it-api"], "jwks": "file:jwks.json",
                     "algorithms": ["ES256"] },
            "bruteForce": { "key": "ip", "maxFailures": %d, "per": "1m", "blockFor": "1m" }
          },
          "rateLimits": { "probe": { "key": "header:X-Probe", "limit": 1, "per": "1h" } },
          "store": { "redis": "redis://127.0.0.1:%d", "timeout": "1000ms", "onFailure": "allow" },
          "defaults": { "auth": "public", "rateLimits": [] },
          "routes": [
            { "path": "/probe/**", "rateLimits": ["probe"] },
            { "path": "/me", "auth": "authenticated" }
          ]
        }
        """;

    private final TestIssuer issuer = TestIssuer.generate();
    private EmbeddedRedis redis;
    private DemoProcess a;
    private DemoProcess b;

    @BeforeAll
    void start() throws Exception {
        redis = EmbeddedRedis.start();
        a = node("a", redis.port());
        b = node("b", redis.port());
    }

    @AfterAll
    void stop() throws IOException {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void failuresSplitAcrossTwoJvmsBlockTheClientOnBothAndAreLoggedOnce() throws Exception {
        redis.awaitReachedBy(a);
        redis.awaitReachedBy(b);
        String attacker = "X-Forwarded-For: 198.51.100.60";
        String valid = "Authorization: Bearer " + issuer.es256(TestIssuer.claims("ivan", null).build());
        for (int i = 0; i < MAX_FAILURES; i++) {
            DemoProcess node = i % 2 == 0 ? a : b;
            assertThat(RawHttp.get(node.port(), "/me", attacker, "Authorization: Bearer abc.def.ghi" + i).status())
                .isEqualTo(401);
        }

        for (DemoProcess node : List.of(a, b)) {
            RawHttp.Response blocked = RawHttp.get(node.port(), "/me", attacker, valid);
            assertThat(blocked.status()).as("blocked on every node, even with a valid token").isEqualTo(429);
            assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(50L, 60L);
            assertThat(RawHttp.get(node.port(), "/me", "X-Forwarded-For: 198.51.100.61", valid).status())
                .as("other clients").isEqualTo(200);
        }

        Predicate<JsonNode> blockOfAttacker = event -> "brute-force-blocked".equals(AttackLog.text(event,
            "event.action")) && "198.51.100.60".equals(AttackLog.text(event, "source.ip"));
        // The fourth failure, sent to b, started the block: b logs it, and a (which refused later requests) never does.
        assertThat(b.attackLog().await(blockOfAttacker, Duration.ofSeconds(5))).isPresent();
        Thread.sleep(500);
        assertThat(b.attackLog().matching(blockOfAttacker)).hasSize(1);
        assertThat(a.attackLog().matching(blockOfAttacker)).as("logged once for the fleet").isEmpty();
        assertThat(a.attackLog().matching(AttackLog.where("event.action", "rate-limit-store-unavailable")))
            .isEmpty();
    }

    private DemoProcess node(String name, int redisPort) throws IOException {
        Path workDir = Files.createTempDirectory("bulwark-shared-bf-" + name);
        issuer.writeJwks(workDir.resolve("jwks.json"));
        PolicyFiles.write(workDir.resolve(PolicyFiles.DEFAULT_NAME), POLICY.formatted(MAX_FAILURES, redisPort));
        return EchoApp.start(workDir);
    }
}
