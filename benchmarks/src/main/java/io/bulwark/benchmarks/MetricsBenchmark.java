package io.bulwark.benchmarks;

import io.bulwark.agent.metrics.DenialReason;
import io.bulwark.agent.metrics.Metrics;
import io.bulwark.agent.metrics.RequestMetrics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the metrics add to one request, as {@code Gateway} spends it: the sampling decision and clock reads at entry,
 * the request count, the clock reads and histogram record at exit (one request in {@code timingSampleEvery}, default
 * 8, is timed). {@code counting} is the counters alone, {@code deniedRequest} the refused path, {@code clockRead} one
 * {@link System#nanoTime()} for scale (a loaded or virtualised host makes it, and so the timed requests, dearer).
 * One shared {@link Metrics}, so the two-thread runs contend on the same counters as a busy server does.
 * Target: at most 100 ns per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class MetricsBenchmark {

    private final Metrics metrics = Metrics.unpublished();
    private final RequestMetrics requests = metrics.requests();

    @Benchmark
    @Threads(1)
    public long admittedRequest() {
        return admitted();
    }

    @Benchmark
    @Threads(2)
    public long admittedRequestTwoThreads() {
        return admitted();
    }

    @Benchmark
    @Threads(1)
    public void counting() {
        metrics.requestOpened();
        requests.agentTime(1_500);
    }

    @Benchmark
    @Threads(2)
    public void countingTwoThreads() {
        metrics.requestOpened();
        requests.agentTime(1_500);
    }

    @Benchmark
    @Threads(2)
    public void deniedRequestTwoThreads() {
        long started = requests.entryStarted();
        metrics.requestOpened();
        requests.denied(DenialReason.RATE_LIMITED);
        requests.deniedAtEntry(started);
    }

    @Benchmark
    @Threads(1)
    public long clockRead() {
        return System.nanoTime();
    }

    private long admitted() {
        long entryStarted = requests.entryStarted();
        metrics.requestOpened();
        long entryNanos = requests.entryNanos(entryStarted);
        long exitStarted = requests.exitStarted(entryNanos);
        requests.exited(entryNanos, exitStarted);
        return entryNanos;
    }
}
