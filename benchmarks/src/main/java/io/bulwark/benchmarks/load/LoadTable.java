package io.bulwark.benchmarks.load;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Turns the load script's measurements ({@link LoadResults}) into its report: per endpoint and metric, the median
 * without and with the agent, and the per-pair ratio (throughput) or difference (latency, heap) as median and
 * min..max, both for server CPU per request; then the CPU section ({@link CpuCostReport}), which also holds the
 * JIT and GC parts and the machine's cores. Pairs are compared within
 * themselves, so drift of the shared machine between pairs cancels and the spread shows the noise.
 */
public final class LoadTable {

    private LoadTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LoadTable RESULTS.tsv");
            System.exit(2);
        }
        // UTF-8 whatever the locale: the report says µs, and JDK 17 would print '?' under LANG=C
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        out.print(render(Files.readAllLines(Path.of(args[0]))));
    }

    static String render(List<String> lines) {
        LoadResults results = LoadResults.parse(lines);
        StringBuilder out = new StringBuilder();
        for (String endpoint : results.endpoints()) {
            out.append(endpoint).append('\n');
            out.append(String.format(Locale.ROOT, "  %-11s %12s %12s   %s%n", "metric", "without", "with",
                    "with/without  or  added"));
            for (String metric : results.metrics(endpoint)) {
                if (!CpuCostReport.isSectionOnly(metric)) {
                    out.append(row(metric, results.metric(endpoint, metric)));
                }
            }
        }
        out.append(CpuCostReport.render(results));
        return out.toString();
    }

    private static String row(String metric, PairedMetric pairs) {
        if (pairs.size() == 0) {
            return String.format(Locale.ROOT, "  %-11s (no complete pair)%n", metric);
        }
        String comparison;
        if (metric.equals("rps")) {
            comparison = ratio(pairs.ratio());
        } else if (CpuCostReport.isCpuPerRequest(metric)) { // the agent's CPU cost is read both ways
            comparison = ratio(pairs.ratio()) + ", " + added(pairs.added());
        } else {
            comparison = added(pairs.added());
        }
        return String.format(Locale.ROOT, "  %-11s %12.1f %12.1f   %-28s   (%d pairs)%n", metric,
                Spread.of(pairs.without()).median(), Spread.of(pairs.with()).median(), comparison, pairs.size());
    }

    static String ratio(Spread s) {
        return String.format(Locale.ROOT, "ratio %.3f [%.3f..%.3f]", s.median(), s.min(), s.max());
    }

    static String added(Spread s) {
        return String.format(Locale.ROOT, "added %+.1f [%+.1f..%+.1f]", s.median(), s.min(), s.max());
    }
}
