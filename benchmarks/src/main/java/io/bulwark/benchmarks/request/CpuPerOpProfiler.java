package io.bulwark.benchmarks.request;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, beside JMH's wall time: on a shared machine a benchmark thread that waits for a core makes
 * ns/op swing by tens of percent, while the CPU it used does not. {@code cpu.worker} is the benchmark threads' own
 * CPU (a {@link RequestCostBenchmark} request runs entirely on it: Jetty's {@code LocalConnector} parses, dispatches
 * and answers on the thread that adds the input); {@code cpu.process} adds every other thread (GC, JIT, the agent's
 * log writer), as the load script's per-request figure does.
 *
 * <pre>-prof io.bulwark.benchmarks.request.CpuPerOpProfiler</pre>
 */
public final class CpuPerOpProfiler implements InternalProfiler {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long processBefore;
    private long workersBefore;

    @Override
    public String getDescription() {
        return "CPU time per operation: the benchmark threads' own, and the whole process's";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workersBefore = workerCpu();
        processBefore = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long process = os.getProcessCpuTime() - processBefore;
        long workers = workerCpu() - workersBefore;
        long ops = result.getMetadata().getAllOps();
        if (ops <= 0) {
            return List.of();
        }
        return List.of(
                new ScalarResult("cpu.worker.norm", (double) workers / ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.process.norm", (double) process / ops, "ns/op", AggregationPolicy.AVG));
    }

    /** JMH names its benchmark threads {@code <benchmark>-jmh-worker-N}; they live for the whole run. */
    private long workerCpu() {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("-jmh-worker-")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }
}
