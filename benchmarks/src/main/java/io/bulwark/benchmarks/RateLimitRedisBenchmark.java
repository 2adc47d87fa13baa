package io.bulwark.benchmarks;

import io.bulwark.policies.ratelimit.LimitSpec;
import io.bulwark.policies.ratelimit.RateLimitDecision;
import io.bulwark.policies.ratelimit.RateLimiter;
import io.bulwark.policies.ratelimit.RedisSettings;
import io.bulwark.policies.ratelimit.RedisStore;
import io.bulwark.policies.ratelimit.RequestKeys;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One shared-store decision on loopback, on a hot key: the agent's GCRA script ({@code EVALSHA}, one round trip)
 * against Bucket4j's stock Lettuce proxy (a read plus a compare-and-swap, retried when another client wrote first).
 * All threads share one connection per implementation, as one agent does. The limit is high enough that every call is
 * admitted and writes, which is where compare-and-swap contends. Round trips and retries are counted by
 * {@link HotKeyComparison}, from the server's own command statistics.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RateLimitRedisBenchmark {

    private LoopbackRedis redis;
    private RateLimiter gcra;
    private LoopbackRedis.Bucket4jCas bucket4j;
    private List<LimitSpec> limits;
    private RequestKeys hot;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        redis = new LoopbackRedis();
        RedisStore store = new RedisStore(new RedisSettings(redis.uri(), Duration.ofSeconds(1),
                RedisSettings.FailureMode.DENY), new FailOnOutage());
        gcra = new RateLimiter(store);
        store.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!store.healthy() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        limits = List.of(LimitSpec.of("hot", List.of("route"), 1_000_000_000L, Duration.ofSeconds(1), null));
        hot = RequestKeys.ofIp("198.51.100.7", "/hot");
        if (gcra.decide(limits, hot, System.nanoTime()).storeUnavailable()) {
            throw new IllegalStateException("Redis did not answer");
        }
        bucket4j = new LoopbackRedis.Bucket4jCas(redis.uri(), "b4j:hot", 1_000_000_000L, Duration.ofSeconds(1));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        gcra.store().close();
        bucket4j.close();
        redis.close();
    }

    @Benchmark
    @Threads(1)
    public RateLimitDecision gcraScriptOneThread() {
        return gcra.decide(limits, hot, System.nanoTime());
    }

    @Benchmark
    @Threads(2)
    public RateLimitDecision gcraScriptTwoThreads() {
        return gcra.decide(limits, hot, System.nanoTime());
    }

    @Benchmark
    @Threads(1)
    public boolean bucket4jCasOneThread() {
        return bucket4j.tryConsume();
    }

    @Benchmark
    @Threads(2)
    public boolean bucket4jCasTwoThreads() {
        return bucket4j.tryConsume();
    }

    /** A benchmark decided by the failure mode would measure nothing: stop loudly instead. */
    static final class FailOnOutage implements RedisStore.OutageListener {
        @Override
        public void unavailable(String redactedUri, Throwable cause) {
            throw new IllegalStateException("Redis stopped answering during the benchmark", cause);
        }

        @Override
        public void recovered(String redactedUri) {
        }
    }
}
