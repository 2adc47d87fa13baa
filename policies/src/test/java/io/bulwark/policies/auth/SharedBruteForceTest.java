package io.bulwark.policies.auth;

import static io.bulwark.policies.ratelimit.EmbeddedRedis.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.policies.ratelimit.EmbeddedRedis;
import io.bulwark.policies.ratelimit.RedisSettings.FailureMode;
import io.bulwark.policies.ratelimit.RedisStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two "nodes" (two stores, two guards) sharing one real Redis server (the embedded-redis binary), on loopback. */
class SharedBruteForceTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private static final String CLIENT = "ip:198.51.100.7";

    private EmbeddedRedis redis;

    @BeforeEach
    void startRedis() throws IOException {
        redis = EmbeddedRedis.start();
    }

    @AfterEach
    void stopAll() throws IOException {
        redis.close();
    }

    @Test
    void failuresOnTwoNodesCountTowardsOneThresholdAndTheBlockHoldsOnBoth() {
        BruteForceSettings five = settings(5, Duration.ofMinutes(1), Duration.ofMinutes(15));
        SharedBruteForce a = node(five);
        SharedBruteForce b = node(five);

        for (int i = 0; i < 4; i++) {
            assertThat((i % 2 == 0 ? a : b).recordFailure(CLIENT, 0)).isFalse();
        }
        assertThat(a.blockedFor(CLIENT, 0)).isZero();
        assertThat(b.blockedFor(CLIENT, 0)).isZero();

        assertThat(b.recordFailure(CLIENT, 0)).as("the fifth failure, on either node, starts the block").isTrue();
        assertThat(a.recordFailure(CLIENT, 0)).as("the block is reported once, fleet-wide").isFalse();
        assertThat(b.recordFailure(CLIENT, 0)).isFalse();
        assertThat(a.blockedFor(CLIENT, 0)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        assertThat(b.blockedFor(CLIENT, 0)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        assertThat(a.blockedFor("ip:198.51.100.8", 0)).as("other clients are unaffected").isZero();
        assertThat(a.recordFailure("ip:198.51.100.8", 0)).isFalse();
        assertThat(redis.outages()).isEmpty();
    }

    @Test
    void concurrentFailuresOnBothNodesStartExactlyOneBlock() throws Exception {
        BruteForceSettings ten = settings(10, Duration.ofMinutes(1), Duration.ofMinutes(15));
        List<SharedBruteForce> nodes = List.of(node(ten), node(ten));
        int threadsPerNode = 3;
        ExecutorService pool = Executors.newFixedThreadPool(threadsPerNode * nodes.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (SharedBruteForce node : nodes) {
                for (int t = 0; t < threadsPerNode; t++) {
                    Callable<Integer> attacker = () -> {
                        start.await();
                        int started = 0;
                        for (int i = 0; i < 20; i++) {
                            started += node.recordFailure(CLIENT, 0) ? 1 : 0;
                        }
                        return started;
                    };
                    results.add(pool.submit(attacker));
                }
            }
            start.countDown();
            int started = 0;
            for (Future<Integer> result : results) {
                started += result.get();
            }
            assertThat(started).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(redis.outages()).as("every call was answered by Redis, none counted locally").isEmpty();
        assertThat(nodes.get(0).blockedFor(CLIENT, 0)).isPositive();
    }

    @Test
    void theWindowStartsAtTheFirstFailureAndTheBlockEnds() throws InterruptedException {
        BruteForceSettings three = settings(3, Duration.ofMillis(400), Duration.ofMillis(600));
        SharedBruteForce a = node(three);
        SharedBruteForce b = node(three);

        assertThat(a.recordFailure(CLIENT, 0)).isFalse();
        assertThat(b.recordFailure(CLIENT, 0)).isFalse();
        Thread.sleep(500);
        assertThat(a.recordFailure(CLIENT, 0)).as("the first two failures' window has ended").isFalse();
        assertThat(b.recordFailure(CLIENT, 0)).isFalse();
        assertThat(a.blockedFor(CLIENT, 0)).isZero();
        assertThat(b.recordFailure(CLIENT, 0)).isTrue();
        assertThat(a.blockedFor(CLIENT, 0)).isPositive().isLessThanOrEqualTo(Duration.ofMillis(600));

        awaitTrue(() -> a.blockedFor(CLIENT, 0).isZero());
        assertThat(b.blockedFor(CLIENT, 0)).isZero();
        assertThat(a.recordFailure(CLIENT, 0)).as("the count starts again after a block").isFalse();
        assertThat(a.recordFailure(CLIENT, 0)).isFalse();
        assertThat(b.recordFailure(CLIENT, 0)).isTrue();
    }

    @Test
    void whileRedisIsDownEachNodeCountsAloneWithinTheTimeoutAndItsBlocksOutliveTheOutage() throws Exception {
        BruteForceSettings three = settings(3, Duration.ofMinutes(1), Duration.ofMinutes(15));
        SharedBruteForce a = node(three);
        SharedBruteForce b = node(three);
        assertThat(a.recordFailure(CLIENT, 1_000)).isFalse();

        redis.stop();
        long started = System.nanoTime();
        assertThat(b.recordFailure(CLIENT, 1_000)).isFalse();
        assertThat(b.blockedFor(CLIENT, 1_000)).isZero();
        assertThat(System.nanoTime() - started).isLessThan(2 * (2 * TIMEOUT.toNanos() + 100_000_000L));
        assertThat(b.recordFailure(CLIENT, 1_000)).isFalse();
        assertThat(b.recordFailure(CLIENT, 1_000)).as("three local failures block on this node").isTrue();
        assertThat(b.blockedFor(CLIENT, 61_000)).isEqualTo(Duration.ofMinutes(14));
        assertThat(a.blockedFor(CLIENT, 1_000)).as("the other node has not seen them").isZero();
        assertThat(redis.outages()).containsExactly("down 127.0.0.1", "down 127.0.0.1");

        redis.restart();
        // A restarted Redis has an empty script cache and no counts; both stores reconnect on their own.
        awaitTrue(() -> a.store().blockedMillis("ip:192.0.2.1").isPresent()
                && b.store().blockedMillis("ip:192.0.2.1").isPresent());
        assertThat(b.blockedFor(CLIENT, 61_000)).as("a block started in the outage is kept").isEqualTo(
                Duration.ofMinutes(14));
        for (int i = 0; i < 2; i++) {
            assertThat(a.recordFailure("ip:192.0.2.1", 0)).isFalse();
        }
        assertThat(a.recordFailure("ip:192.0.2.1", 0)).as("the script is loaded again").isTrue();
        assertThat(b.blockedFor("ip:192.0.2.1", 0)).isPositive();
        assertThat(redis.outages()).containsExactly("down 127.0.0.1", "down 127.0.0.1", "up 127.0.0.1", "up 127.0.0.1");
    }

    private static BruteForceSettings settings(int maxFailures, Duration per, Duration blockFor) {
        return new BruteForceSettings(BruteForceSettings.Key.IP, maxFailures, per, blockFor);
    }

    private SharedBruteForce node(BruteForceSettings settings) {
        RedisStore store = redis.connectedStore(TIMEOUT, FailureMode.DENY);
        return new SharedBruteForce(store, settings, new BruteForceGuard(settings));
    }
}
