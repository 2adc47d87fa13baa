package io.bulwark.benchmarks.load;

import java.util.Locale;

/**
 * The load report's CPU section: server CPU per request pair by pair, and what the agent costs in µs of CPU per
 * request, at the fixed rate, at full load, and at full load with both JVMs sharing the server core at once, split
 * into JIT threads, GC threads and everything else; then how much of the machine the server, the load generator and
 * everything together used while measuring. CPU per request is the steadier figure on a shared machine: other
 * tenants take cores away from the server (fewer requests per second) but do not make its requests cost much more
 * CPU; shared, both JVMs also meet the same tenants in the same seconds.
 *
 * <p>Metric names: {@code cpu_us}, {@code jit_us}, {@code gc_us}, {@code work_us} at the fixed rate, the same with a
 * {@code max_} prefix at full load and a {@code shared_} prefix sharing the core; {@code fixed_*_cores} and
 * {@code max_*_cores} for the machine.
 */
final class CpuCostReport {

    static final String FIXED_RATE = "";
    static final String FULL_LOAD = "max_";
    /** Both JVMs at full load at the same time, sharing the server core: compared under the same conditions. */
    static final String SHARED = "shared_";
    static final String TOTAL = "cpu_us";
    static final String JIT = "jit_us";
    static final String GC = "gc_us";
    /** Outside the JIT and GC threads: the request threads above all. */
    static final String WORK = "work_us";

    private CpuCostReport() {
    }

    /** Server CPU per request in all, or outside JIT and GC: compared both as a ratio and as a difference. */
    static boolean isCpuPerRequest(String metric) {
        return metric.endsWith(TOTAL) || metric.endsWith(WORK);
    }

    /** The JIT and GC parts and the machine's cores: printed in this section only, to keep the table short. */
    static boolean isSectionOnly(String metric) {
        return metric.endsWith("_cores") || metric.endsWith(JIT) || metric.endsWith(GC);
    }

    static String render(LoadResults results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nserver CPU per request, µs (pair N: without -> with)%n"));
        boolean any = false;
        for (String endpoint : results.endpoints()) {
            any |= phase(out, results, endpoint, "fixed rate", FIXED_RATE);
            any |= phase(out, results, endpoint, "full load ", FULL_LOAD);
            any |= phase(out, results, endpoint, "shared    ", SHARED);
        }
        if (!any) {
            out.append("  (not measured)\n");
        }
        out.append(String.format("CPU used while measuring, in cores (median [min..max] over every run)%n"));
        out.append(machine(results, "fixed rate", "fixed"));
        out.append(machine(results, "full load ", "max"));
        return out.toString();
    }

    private static boolean phase(StringBuilder out, LoadResults results, String endpoint, String label,
                                 String prefix) {
        PairedMetric cpu = results.metric(endpoint, prefix + TOTAL);
        if (cpu.size() == 0) {
            return false;
        }
        out.append(String.format(Locale.ROOT, "  %-6s %s:", endpoint, label));
        for (int i = 0; i < cpu.size(); i++) {
            out.append(String.format(Locale.ROOT, "%s %s: %.1f -> %.1f", i == 0 ? "" : ",", cpu.pairs()[i],
                    cpu.without()[i], cpu.with()[i]));
        }
        out.append(String.format(Locale.ROOT, "%n         agent costs %s µs CPU per request, %s (%d pairs)%n",
                added(cpu.added()), ratio(cpu.ratio()), cpu.size()));
        PairedMetric jit = results.metric(endpoint, prefix + JIT);
        PairedMetric gc = results.metric(endpoint, prefix + GC);
        PairedMetric work = results.metric(endpoint, prefix + WORK);
        if (jit.size() > 0 && gc.size() > 0 && work.size() > 0) {
            out.append(String.format(Locale.ROOT,
                    "         of that JIT threads %+.1f, GC threads %+.1f, the rest %s, %s%n",
                    jit.added().median(), gc.added().median(), added(work.added()), ratio(work.ratio())));
        }
        return true;
    }

    private static String added(Spread s) {
        return String.format(Locale.ROOT, "%+.1f [%+.1f..%+.1f]", s.median(), s.min(), s.max());
    }

    private static String ratio(Spread s) {
        return String.format(Locale.ROOT, "ratio %.3f [%.3f..%.3f]", s.median(), s.min(), s.max());
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
