package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.EmbeddedRedis;
import io.bulwark.it.support.EchoApp;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.RawHttp;

/**
 * Two app JVMs under the agent sharing their limits through one real Redis server (the binary embedded-redis ships),
 * started by the test on a free loopback port. Node A fails open ({@code onFailure: allow}), node B fails closed
 * ({@code deny}); both carry the same limits, so their buckets are the same Redis keys. The tests run in order:
 * shared enforcement, then Redis killed, then Redis restarted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedRateLimitIT {

    private static final int SHARED_LIMIT = 40;
    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    private static final String POLICY = """
        {
          "version": 1,
          "rateLimits": {
            "shared": { "key": "route", "limit": %d, "per": "1h" },
            "probe": { "key": "header:X-Probe", "limit": 1, "per": "1h" }
          },
          "store": { "redis": "redis://127.0.0.1:%d", "timeout": "%dms", "onFailure": "%s" },
          "defaults": { "auth": "public", "rateLimits": [] },
          "routes": [
            { "path": "/shared/**", "rateLimits": ["shared"] },
            { "path": "/probe/**", "rateLimits": ["probe"] }
          ]
        }
        """;

    private EmbeddedRedis redis;
    private DemoProcess allowing;
    private DemoProcess denying;

    @BeforeAll
    void start() throws Exception {
        redis = EmbeddedRedis.start();
        allowing = node("allow");
        denying = node("deny");
    }

    @AfterAll
    void stop() throws IOException {
        if (allowing != null) {
            allowing.close();
        }
        if (denying != null) {
            denying.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void twoJvmsUnderConcurrentLoadAdmitExactlyTheSharedLimitTogether() throws Exception {
        redis.awaitReachedBy(allowing);
        redis.awaitReachedBy(denying);
        int threadsPerNode = 6;
        int requestsPerThread = 12;
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerNode);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (DemoProcess node : List.of(allowing, denying)) {
                for (int t = 0; t < threadsPerNode; t++) {
                    work.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < requestsPerThread; i++) {
                            int status = RawHttp.get(node.port(), "/shared/hot").status();
                            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        }
                        return null;
                    }));
                }
            }
            go.countDown();
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int sent = 2 * threadsPerNode * requestsPerThread;
        assertThat(statuses.keySet()).containsOnly(200, 429);
        assertThat(statuses.get(200).get()).as("admitted by both JVMs together").isEqualTo(SHARED_LIMIT);
        assertThat(statuses.get(429).get()).isEqualTo(sent - SHARED_LIMIT);
        RawHttp.Response refused = RawHttp.get(denying.port(), "/shared/hot");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"shared\";q=" + SHARED_LIMIT + ";w=3600");
        assertThat(Long.parseLong(refused.header("Retry-After"))).as("one token per 90 s").isBetween(1L, 90L);
    }

    @Test
    @Order(2)
    void redisKilledEachNodeFollowsItsFailureModeWithinTheTimeoutAndSaysSoOnce() throws Exception {
        // On a busy machine one slow answer under load is already an outage (the timeout passed); count from here.
        int[] outagesBefore = {count(allowing, "rate-limit-store-unavailable"), count(denying,
            "rate-limit-store-unavailable")};
        int[] linesBefore = {stderrContaining(allowing, "does not answer within").size(),
            stderrContaining(denying, "does not answer within").size()};
        redis.stop();
        for (int i = 0; i < 10; i++) {
            long started = System.nanoTime();
            RawHttp.Response open = RawHttp.get(allowing.port(), "/shared/hot");
            RawHttp.Response closed = RawHttp.get(denying.port(), "/shared/hot");
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(open.status()).as("allow: the exhausted limit is not enforced while Redis is down")
                .isEqualTo(200);
            assertThat(closed.status()).as("deny: refused, and not as if the client were over its limit")
                .isEqualTo(503);
            assertThat(closed.header("Retry-After")).isEqualTo("1");
            assertThat(closed.header("Content-Type")).startsWith("application/problem+json");
            // two requests, each bounded by the store timeout, plus HTTP on loopback
            assertThat(elapsedMillis).isLessThan(2 * TIMEOUT.toMillis() + 1000);
        }
        List<DemoProcess> nodes = List.of(allowing, denying);
        for (int n = 0; n < 2; n++) {
            DemoProcess node = nodes.get(n);
            int before = outagesBefore[n];
            awaitTrue(() -> count(node, "rate-limit-store-unavailable") > before, "the outage is logged");
            assertThat(count(node, "rate-limit-store-unavailable") - outagesBefore[n]).as("once per outage")
                .isEqualTo(1);
            assertThat(stderrContaining(node, "does not answer within").size() - linesBefore[n]).isEqualTo(1);
        }
        List<JsonNode> outages = denying.attackLog().matching(action("rate-limit-store-unavailable"));
        JsonNode outage = outages.get(outages.size() - 1);
        assertThat(outage.toString()).contains("127.0.0.1:" + redis.port()).contains("deny");
    }

    @Test
    @Order(3)
    void redisRestartedBothNodesRecoverByThemselvesAndSaySoOnce() throws Exception {
        redis.restart();
        redis.awaitReachedBy(allowing);
        redis.awaitReachedBy(denying);
        for (DemoProcess node : List.of(allowing, denying)) {
            // every outage logged is followed by exactly one recovery, the last one included
            awaitTrue(() -> count(node, "rate-limit-store-recovered") == count(node, "rate-limit-store-unavailable"),
                "the recovery is logged");
            assertThat(stderrContaining(node, "answers again"))
                .hasSameSizeAs(stderrContaining(node, "does not answer within"));
        }
        // A restarted Redis kept nothing (no persistence): the shared bucket starts full and is shared again.
        int admitted = 0;
        for (int i = 0; i < SHARED_LIMIT; i++) {
            admitted += RawHttp.get((i % 2 == 0 ? allowing : denying).port(), "/shared/after").status() == 200 ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(SHARED_LIMIT);
        assertThat(RawHttp.get(allowing.port(), "/shared/after").status()).isEqualTo(429);
        assertThat(RawHttp.get(denying.port(), "/shared/after").status()).isEqualTo(429);
    }

    @Test
    @Order(4)
    void lettuceAndNettyNeverWriteToTheAppsOutput() {
        for (DemoProcess node : List.of(allowing, denying)) {
            List<String> lines = new ArrayList<>(node.stderrLines());
            lines.addAll(node.stdoutLines());
            assertThat(lines).noneMatch(line -> line.contains("lettuce") || line.contains("netty")
                || line.contains("Reconnect") || line.contains("reactor"));
            assertThat(node.stderrLines()).allMatch(line -> line.startsWith("[bulwark] "));
        }
    }

    private DemoProcess node(String onFailure) throws IOException {
        Path workDir = Files.createTempDirectory("bulwark-shared-" + onFailure);
        PolicyFiles.write(workDir.resolve(PolicyFiles.DEFAULT_NAME),
            POLICY.formatted(SHARED_LIMIT, redis.port(), TIMEOUT.toMillis(), onFailure));
        return EchoApp.start(workDir);
    }

    private static Predicate<JsonNode> action(String name) {
        return AttackLog.where("event.action", name);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
        throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within 10 s");
            }
            Thread.sleep(50);
        }
    }

    private static int count(DemoProcess node, String eventAction) {
        return node.attackLog().matching(action(eventAction)).size();
    }

    private static List<String> stderrContaining(DemoProcess node, String text) {
        return node.stderrLines().stream().filter(line -> line.contains(text)).toList();
    }
}
