package io.bulwark.policies.ratelimit;

import static io.bulwark.policies.ratelimit.EmbeddedRedis.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.policies.ratelimit.RedisSettings.FailureMode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real Redis server (the binary shipped by embedded-redis), on loopback. */
class RedisStoreTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);

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
    void limitPlusFirstRequestIsRefusedWithTheWaitForTheNextToken() {
        RateLimiter limiter = new RateLimiter(connectedStore(FailureMode.ALLOW));
        LimitSpec two = LimitSpec.of("two", List.of("ip"), 2, Duration.ofSeconds(10), null);
        RequestKeys client = RequestKeys.ofIp("198.51.100.7", "/a");
        assertThat(limiter.decide(List.of(two), client, 0).statuses().get(0).remaining()).isEqualTo(1);
        assertThat(limiter.decide(List.of(two), client, 0).admitted()).isTrue();
        RateLimitDecision refused = limiter.decide(List.of(two), client, 0);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.storeUnavailable()).isFalse();
        assertThat(refused.rejectedBy()).isSameAs(two);
        assertThat(refused.retryAfterSeconds()).isBetween(4L, 5L);
        assertThat(refused.statusHeader()).matches("\"two\";r=0;t=(9|10)");
    }

    @Test
    void refusalByOneLimitChargesNoneOfTheOthers() {
        RateLimiter limiter = new RateLimiter(connectedStore(FailureMode.ALLOW));
        LimitSpec perIp = LimitSpec.of("per-ip", List.of("ip"), 10, Duration.ofMinutes(1), null);
        LimitSpec perCaller = LimitSpec.of("per-caller", List.of("subject"), 1, Duration.ofMinutes(1), null);
        RequestKeys alice = new RequestKeys("198.51.100.7", null, "alice", "/a", null);
        assertThat(limiter.decide(List.of(perIp, perCaller), alice, 0).admitted()).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.decide(List.of(perIp, perCaller), alice, 0).rejectedBy()).isSameAs(perCaller);
        }
        assertThat(limiter.decide(List.of(perIp), alice, 0).statuses().get(0).remaining()).isEqualTo(8);
    }

    @Test
    void twoStoresSharingOneLimitAdmitExactlyTheLimitTogether() throws Exception {
        LimitSpec shared = LimitSpec.of("shared", List.of("route"), 50, Duration.ofHours(1), null);
        List<RateLimiter> nodes = List.of(new RateLimiter(connectedStore(FailureMode.ALLOW)),
                new RateLimiter(connectedStore(FailureMode.ALLOW)));
        int threadsPerNode = 3;
        ExecutorService pool = Executors.newFixedThreadPool(threadsPerNode * nodes.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (RateLimiter node : nodes) {
                for (int t = 0; t < threadsPerNode; t++) {
                    Callable<Integer> worker = () -> {
                        start.await();
                        int admitted = 0;
                        for (int i = 0; i < 60; i++) {
                            RateLimitDecision decision =
                                    node.decide(List.of(shared), RequestKeys.ofIp("10.0.0." + i, "/hot"), 0);
                            assertThat(decision.storeUnavailable()).isFalse();
                            admitted += decision.admitted() ? 1 : 0;
                        }
                        return admitted;
                    };
                    results.add(pool.submit(worker));
                }
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get();
            }
            assertThat(total).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void outageFollowsTheFailureModeWithinTheTimeoutIsReportedOnceAndRecovers() throws Exception {
        RateLimiter allowing = new RateLimiter(connectedStore(FailureMode.ALLOW));
        RateLimiter denying = new RateLimiter(connectedStore(FailureMode.DENY));
        LimitSpec one = LimitSpec.of("one", List.of("ip"), 1, Duration.ofHours(1), null);
        RequestKeys client = RequestKeys.ofIp("198.51.100.7", "/a");
        assertThat(allowing.decide(List.of(one), client, 0).admitted()).isTrue();
        assertThat(denying.decide(List.of(one), client, 0).admitted()).isFalse();

        redis.stop();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            RateLimitDecision allowed = allowing.decide(List.of(one), client, 0);
            RateLimitDecision denied = denying.decide(List.of(one), client, 0);
            long elapsed = System.nanoTime() - start;
            assertThat(elapsed).isLessThan(2 * TIMEOUT.toNanos() + 100_000_000L);
            assertThat(allowed.admitted()).isTrue();
            assertThat(allowed.storeUnavailable()).isTrue();
            assertThat(denied.admitted()).isFalse();
            assertThat(denied.storeUnavailable()).isTrue();
            assertThat(denied.retryAfterSeconds()).isEqualTo(1);
        }
        assertThat(redis.outages()).containsExactly("down 127.0.0.1", "down 127.0.0.1");

        redis.restart();
        // A restarted Redis has an empty script cache and empty buckets; both stores reconnect on their own.
        awaitTrue(() -> !allowing.decide(List.of(one), RequestKeys.ofIp("203.0.113.1", "/a"), 0).storeUnavailable());
        awaitTrue(() -> !denying.decide(List.of(one), RequestKeys.ofIp("203.0.113.2", "/a"), 0).storeUnavailable());
        assertThat(allowing.decide(List.of(one), client, 0).admitted()).isTrue();
        assertThat(allowing.decide(List.of(one), client, 0).admitted()).isFalse();
        assertThat(redis.outages()).hasSize(4).endsWith("up 127.0.0.1", "up 127.0.0.1");
    }

    @Test
    void redisAbsentAtStartDecidesByFailureModeAndConnectsLater() throws Exception {
        redis.stop();
        RedisStore store = store(FailureMode.DENY);
        RateLimiter limiter = new RateLimiter(store);
        LimitSpec one = LimitSpec.of("one", List.of("ip"), 1, Duration.ofHours(1), null);
        RateLimitDecision denied = limiter.decide(List.of(one), RequestKeys.ofIp("198.51.100.7", "/a"), 0);
        assertThat(denied.admitted()).isFalse();
        assertThat(denied.storeUnavailable()).isTrue();
        // The store connects lazily: the outage is reported once its first attempt has failed, not while it runs.
        awaitTrue(() -> !redis.outages().isEmpty());
        redis.restart();
        awaitTrue(() -> limiter.decide(List.of(one), RequestKeys.ofIp("198.51.100.7", "/a"), 0).admitted());
        assertThat(redis.outages()).containsExactly("down 127.0.0.1", "up 127.0.0.1");
    }

    @Test
    void nothingStartsBeforeTheFirstDecisionWhichWaitsForTheConnectionAndRunsOnTheGivenThreads() {
        List<Thread> made = new CopyOnWriteArrayList<>();
        RedisStore store = redis.track(new RedisStore(redis.settings(Duration.ofSeconds(10), FailureMode.DENY),
                redis.outageListener(), (task, name) -> {
                    Thread thread = new Thread(task, name);
                    made.add(thread);
                    return thread;
                }));
        assertThat(made).isEmpty();
        LimitSpec one = LimitSpec.of("one", List.of("ip"), 1, Duration.ofHours(1), null);
        RateLimitDecision first = new RateLimiter(store).decide(List.of(one), RequestKeys.ofIp("192.0.2.1", "/a"), 0);
        assertThat(first.storeUnavailable()).isFalse();
        assertThat(first.admitted()).isTrue();
        assertThat(made).isNotEmpty().allSatisfy(thread -> {
            assertThat(thread.getName()).startsWith("bulwark-redis-");
            assertThat(thread.isDaemon()).isTrue();
        });
        assertThat(redis.outages()).isEmpty();
    }

    @Test
    void nettyLettuceAndReactorLogNothing() {
        RedisStore store = connectedStore(FailureMode.ALLOW);
        assertThat(store.healthy()).isTrue();
        var netty = io.netty.util.internal.logging.InternalLoggerFactory.getInstance(RedisStoreTest.class);
        assertThat(netty.isErrorEnabled()).isFalse();
        assertThat(netty.isInfoEnabled()).isFalse();
        assertThat(reactor.util.Loggers.getLogger(RedisStoreTest.class).isErrorEnabled()).isFalse();
        assertThat(java.util.logging.LogManager.getLogManager().getLogger("io.lettuce.core.protocol.ConnectionWatchdog"))
                .isNull();
    }

    @Test
    void passwordsInTheUriAreRedacted() {
        assertThat(new RedisSettings("redis://user:s3cret@cache:6379/0", null, null).redactedUri())
                .isEqualTo("redis://***@cache:6379/0");
        assertThat(new RedisSettings("redis://cache:6379", null, null).redactedUri()).isEqualTo("redis://cache:6379");
    }

    private RedisStore connectedStore(FailureMode mode) {
        return redis.connectedStore(TIMEOUT, mode);
    }

    private RedisStore store(FailureMode mode) {
        return redis.store(TIMEOUT, mode);
    }
}
