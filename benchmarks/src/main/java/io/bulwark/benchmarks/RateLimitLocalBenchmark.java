package io.bulwark.benchmarks;

import io.bulwark.policies.ratelimit.LimitSpec;
import io.bulwark.policies.ratelimit.RateLimitDecision;
import io.bulwark.policies.ratelimit.RateLimiter;
import io.bulwark.policies.ratelimit.RequestKeys;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One embedded rate-limit decision, as the servlet entry makes it: key built from the client IP, bucket looked up,
 * refilled and charged. {@code sameClient} hammers one bucket (contended across threads); {@code manyClients} cycles
 * through 10,000 addresses, so lookups miss the CPU cache the way real traffic does. Target: under 200 ns.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RateLimitLocalBenchmark {

    private static final int CLIENTS = 10_000;

    private RateLimiter limiter;
    private List<LimitSpec> limits;
    private RequestKeys one;
    private RequestKeys[] many;

    @Setup
    public void setUp() {
        limiter = RateLimiter.local();
        // High enough that the benchmark measures admission, the common path.
        limits = List.of(LimitSpec.of("per-ip", List.of("ip"), 1_000_000_000L, Duration.ofSeconds(1), null));
        one = RequestKeys.ofIp("198.51.100.7", "/api/orders/**");
        many = new RequestKeys[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            many[i] = RequestKeys.ofIp("10.0." + (i >> 8) + "." + (i & 0xff), "/api/orders/**");
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    @Threads(1)
    public RateLimitDecision sameClientOneThread() {
        return limiter.decide(limits, one, System.nanoTime());
    }

    @Benchmark
    @Threads(2)
    public RateLimitDecision sameClientTwoThreads() {
        return limiter.decide(limits, one, System.nanoTime());
    }

    @Benchmark
    @Threads(1)
    public RateLimitDecision manyClientsOneThread(Cursor cursor) {
        return limiter.decide(limits, many[cursor.next++ % CLIENTS], System.nanoTime());
    }

    @Benchmark
    @Threads(2)
    public RateLimitDecision manyClientsTwoThreads(Cursor cursor) {
        return limiter.decide(limits, many[cursor.next++ % CLIENTS], System.nanoTime());
    }
}
