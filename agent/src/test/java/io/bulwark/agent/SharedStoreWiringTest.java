package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.agent.log.AttackEvent;
import io.bulwark.policies.auth.BruteForceGuard;
import io.bulwark.policies.auth.SharedBruteForce;
import io.bulwark.policies.model.Policy;
import io.bulwark.policies.model.parse.PolicyParseResult;
import io.bulwark.policies.model.parse.PolicyParser;
import io.bulwark.policies.ratelimit.LocalStore;
import io.bulwark.policies.ratelimit.RedisSettings;
import io.bulwark.policies.ratelimit.RedisStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code store.redis} from the policy to the entry checks, against a port where nothing listens (a real refused
 * connection); the shared-limit behaviour against a live Redis is in the policies module and the ITs.
 */
class SharedStoreWiringTest {

    @TempDir
    Path dir;

    private final List<AttackEvent> events = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final StoreOutageLog outageLog =
            new StoreOutageLog(new Diagnostics(new PrintStream(stderr, true, StandardCharsets.UTF_8)));
    private final EntryState state = new EntryState(outageLog);

    SharedStoreWiringTest() {
        outageLog.writeTo(events::add);
    }

    @AfterEach
    void closeStores() {
        state.limiter(null);
    }

    @Test
    void activatingAPolicyWithAStoreContactsNothingAndStartsNoThread() throws Exception {
        var before = Thread.getAllStackTraces().keySet();
        new ActivePolicy(parse(policy(closedPort(), "deny")), state);
        Thread.sleep(200);
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(thread -> !before.contains(thread))
                .noneMatch(thread -> thread.getName().startsWith("bulwark-redis-"));
        assertThat(state.limiter().store()).isInstanceOf(RedisStore.class);
    }

    @Test
    void denyModeWithAnUnreachableStoreIs503WithRetryAfterAndTheOutageIsSaidOnce() throws Exception {
        ActivePolicy policy = new ActivePolicy(parse(policy(closedPort(), "deny")), state);
        EntryChecks checks = new EntryChecks(events::add);
        for (int i = 0; i < 5; i++) {
            EntryOutcome outcome = checks.run(policy, request(), System.currentTimeMillis(), System.nanoTime());
            assertThat(outcome.isDenied()).isTrue();
            assertThat(outcome.denial().status()).isEqualTo(503);
            assertThat(outcome.denial().headers()).containsEntry("Retry-After", "1")
                    .doesNotContainKey("RateLimit");
            assertThat(outcome.denial().eventId()).isNotNull();
        }
        awaitOutageEvent();
        assertThat(events).filteredOn(e -> "rate-limit-store-unavailable".equals(e.action())).hasSize(1);
        String said = stderr.toString(StandardCharsets.UTF_8);
        assertThat(said.lines().filter(line -> line.contains("does not answer"))).hasSize(1);
        assertThat(said).contains("503 (store.onFailure deny)");
    }

    @Test
    void allowModeWithAnUnreachableStoreAdmitsAndSaysWhy() throws Exception {
        ActivePolicy policy = new ActivePolicy(parse(policy(closedPort(), "allow")), state);
        EntryChecks checks = new EntryChecks(events::add);
        for (int i = 0; i < 5; i++) {
            assertThat(checks.run(policy, request(), System.currentTimeMillis(), System.nanoTime()).isDenied())
                    .isFalse();
        }
        // A cold JVM may take longer than the timeout to load the client; the failed first attempt is reported then.
        awaitOutageEvent();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("rate-limit-store-unavailable");
            assertThat(event.extras()).containsEntry("on_failure", "allow");
        });
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("rate limits are not enforced");
    }

    @Test
    void aReloadKeepsTheStoreWhileItsSettingsStayAndReplacesItWhenTheyChange() {
        RedisSettings first = new RedisSettings("redis://127.0.0.1:6390", Duration.ofMillis(50),
                RedisSettings.FailureMode.ALLOW);
        var limiter = state.limiter(first);
        assertThat(state.limiter(new RedisSettings("redis://127.0.0.1:6390", Duration.ofMillis(50),
                RedisSettings.FailureMode.ALLOW))).isSameAs(limiter);
        assertThat(state.limiter(new RedisSettings("redis://127.0.0.1:6390", Duration.ofMillis(50),
                RedisSettings.FailureMode.DENY))).isNotSameAs(limiter);
        assertThat(state.limiter(null).store()).isInstanceOf(LocalStore.class);
        assertThat(state.limiter().store()).isInstanceOf(LocalStore.class);
    }

    @Test
    void withAStoreBruteForceIsSharedOnTheLimitersConnectionAndLocalWithoutOne() throws Exception {
        ActivePolicy shared = new ActivePolicy(parse(bruteForcePolicy(6390, 5)), state);
        assertThat(shared.bruteForce()).isInstanceOfSatisfying(SharedBruteForce.class,
                guard -> assertThat(guard.store()).isSameAs(state.limiter().store()));

        ActivePolicy reloaded = new ActivePolicy(parse(bruteForcePolicy(6390, 5)), state);
        assertThat(reloaded.bruteForce()).as("counts survive a reload").isSameAs(shared.bruteForce());

        ActivePolicy otherStore = new ActivePolicy(parse(bruteForcePolicy(6391, 5)), state);
        assertThat(otherStore.bruteForce()).isInstanceOfSatisfying(SharedBruteForce.class,
                guard -> assertThat(guard.store()).isSameAs(state.limiter().store())
                        .isNotSameAs(((SharedBruteForce) shared.bruteForce()).store()));

        ActivePolicy local = new ActivePolicy(parse("""
                { "version": 1,
                  "authentication": { "apiKeys": { "header": "X-Api-Key", "keys": [] },
                    "bruteForce": { "key": "ip", "maxFailures": 5, "per": "1m", "blockFor": "1m" } } }"""), state);
        assertThat(local.bruteForce()).isInstanceOf(BruteForceGuard.class);
    }

    private void awaitOutageEvent() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (events.stream().noneMatch(e -> "rate-limit-store-unavailable".equals(e.action()))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static EntryChecksTest.Request request() {
        return new EntryChecksTest.Request("/limited", Map.of());
    }

    private static String policy(int port, String onFailure) {
        return """
                { "version": 1,
                  "rateLimits": { "per-ip": { "key": "ip", "limit": 100, "per": "1m" } },
                  "store": { "redis": "redis://127.0.0.1:%d", "timeout": "2s", "onFailure": "%s" },
                  "defaults": { "rateLimits": ["per-ip"] } }""".formatted(port, onFailure);
    }

    private static String bruteForcePolicy(int port, int maxFailures) {
        return """
                { "version": 1,
                  "authentication": { "apiKeys": { "header": "X-Api-Key", "keys": [] },
                    "bruteForce": { "key": "ip", "maxFailures": %d, "per": "1m", "blockFor": "1m" } },
                  "store": { "redis": "redis://127.0.0.1:%d", "timeout": "50ms", "onFailure": "allow" } }"""
                .formatted(maxFailures, port);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Policy parse(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("policy-" + System.nanoTime() + ".json"), json);
        PolicyParseResult result = PolicyParser.parse(file);
        assertThat(result.errors()).as(json).isEmpty();
        return result.policy().orElseThrow();
    }
}
