package io.bulwark.benchmarks.load;

import java.util.Locale;

/**
 * CPU used over one measured phase, in clock ticks, and its wall time. Per request it divides by the requests the
 * phase completed; as cores it divides by the wall time (1.0 = one core busy all along).
 */
record PhaseCpu(ProcessCpuUse server, long generatorTicks, long machineBusyTicks, long wallNanos,
                long ticksPerSecond) {

    /**
     * The generator's {@code key=value} pairs: µs of server CPU per request in all, on JIT threads, on GC threads and
     * on all the others (the request threads above all: the part that does not fade as the JIT warms up), then cores
     * used by the server, the generator and the whole machine. Without requests there is nothing to divide by, and
     * only the cores are given.
     */
    String keyValues(long requests) {
        StringBuilder out = new StringBuilder();
        if (requests > 0) {
            long outside = server.totalTicks() - server.jitTicks() - server.gcTicks();
            out.append(String.format(Locale.ROOT,
                    " server_cpu_us=%.2f server_jit_us=%.2f server_gc_us=%.2f server_work_us=%.2f",
                    microsPerRequest(server.totalTicks(), requests), microsPerRequest(server.jitTicks(), requests),
                    microsPerRequest(server.gcTicks(), requests), microsPerRequest(outside, requests)));
        }
        out.append(String.format(Locale.ROOT, " server_cores=%.3f generator_cores=%.3f machine_busy_cores=%.3f",
                cores(server.totalTicks()), cores(generatorTicks), cores(machineBusyTicks)));
        return out.toString();
    }

    double microsPerRequest(long ticks, long requests) {
        return ticks * 1e6 / ticksPerSecond / requests;
    }

    double cores(long ticks) {
        return wallNanos <= 0 ? 0 : ticks * 1e9 / ticksPerSecond / wallNanos;
    }
}
