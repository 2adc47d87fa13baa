package io.bulwark.benchmarks.load;

import java.util.Locale;

/**
 * The load report's CPU section: server CPU per request pair by pair, and what the agent costs in µs of CPU per
 * request, at the fixed rate and at full load; then how much of the machine the server, the load generator and
 * everything together used while measuring. CPU per request is the steadier figure on a shared machine: other
 * tenants take cores away from the server (fewer requests per second) but do not make its requests cost more CPU.
 */
final class CpuCostReport {

    /** Server CPU µs per request at the fixed rate (the open-loop phase), in all and on JIT and GC threads. */
    static final String FIXED_RATE = "cpu_us";
    static final String FIXED_RATE_JIT = "jit_us";
    static final String FIXED_RATE_GC = "gc_us";
    /** Server CPU µs per request at full load (the wrk phase). */
    static final String FULL_LOAD = "max_cpu_us";

    private CpuCostReport() {
    }

    /** Metrics such as {@code fixed_server_cores}: the machine's use, reported here rather than per endpoint. */
    static boolean isShareOfMachine(String metric) {
        return metric.endsWith("_cores");
    }

    static String render(LoadResults results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nserver CPU per request, µs (pair N: without -> with)%n"));
        boolean any = false;
        for (String endpoint : results.endpoints()) {
            any |= phase(out, results, endpoint, "fixed rate", FIXED_RATE, true);
            any |= phase(out, results, endpoint, "full load ", FULL_LOAD, false);
        }
        if (!any) {
            out.append("  (not measured)\n");
        }
        out.append(String.format("CPU used while measuring, in cores (median [min..max] over every run)%n"));
        out.append(machine(results, "fixed rate", "fixed"));
        out.append(machine(results, "full load ", "max"));
        return out.toString();
    }

    private static boolean phase(StringBuilder out, LoadResults results, String endpoint, String label, String metric,
                                 boolean withServiceThreads) {
        PairedMetric cpu = results.metric(endpoint, metric);
        if (cpu.size() == 0) {
            return false;
        }
        out.append(String.format(Locale.ROOT, "  %-6s %s:", endpoint, label));
        for (int i = 0; i < cpu.size(); i++) {
            out.append(String.format(Locale.ROOT, "%s %d: %.1f -> %.1f", i == 0 ? "" : ",", cpu.pairs()[i],
                    cpu.without()[i], cpu.with()[i]));
        }
        Spread added = cpu.added();
        Spread ratio = cpu.ratio();
        out.append(String.format(Locale.ROOT,
                "%n         agent costs %+.1f µs CPU per request [%+.1f..%+.1f], ratio %.3f [%.3f..%.3f]",
                added.median(), added.min(), added.max(), ratio.median(), ratio.min(), ratio.max()));
        if (withServiceThreads) {
            PairedMetric jit = results.metric(endpoint, FIXED_RATE_JIT);
            PairedMetric gc = results.metric(endpoint, FIXED_RATE_GC);
            if (jit.size() > 0 && gc.size() > 0) {
                out.append(String.format(Locale.ROOT, "; of that JIT %+.1f, GC %+.1f", jit.added().median(),
                        gc.added().median()));
            }
        }
        out.append(String.format(" (%d pairs)%n", cpu.size()));
        return true;
    }

    private static String machine(LoadResults results, String label, String phase) {
        String server = cores(results.everyValue(phase + "_server_cores"));
        String generator = cores(results.everyValue(phase + "_gen_cores"));
        String busy = cores(results.everyValue(phase + "_busy_cores"));
        return String.format(Locale.ROOT, "  %s: server %s, load generator %s, whole machine %s of %d%n", label,
                server, generator, busy, Runtime.getRuntime().availableProcessors());
    }

    private static String cores(double[] values) {
        if (values.length == 0) {
            return "-";
        }
        Spread s = Spread.of(values);
        return String.format(Locale.ROOT, "%.2f [%.2f..%.2f]", s.median(), s.min(), s.max());
    }
}
