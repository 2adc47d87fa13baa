package io.bulwark.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the load script's measurements into its report: per endpoint and metric, the median without and with the
 * agent, and the per-pair ratio (throughput) or difference (latency) as median and min..max. Pairs are compared
 * within themselves, so drift of the shared machine between pairs cancels and the spread shows the noise.
 *
 * <p>Input: tab-separated lines {@code endpoint pair variant metric value}, variant {@code without} or {@code with},
 * metric {@code rps}, {@code p50_us} or {@code p99_us}.
 */
public final class LoadTable {

    private LoadTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LoadTable RESULTS.tsv");
            System.exit(2);
        }
        System.out.print(render(Files.readAllLines(Path.of(args[0]))));
    }

    /** endpoint -> metric -> pair -> [without, with] */
    static String render(List<String> lines) {
        Map<String, Map<String, Map<Integer, double[]>>> table = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f.length != 5) {
                continue;
            }
            double[] pair = table.computeIfAbsent(f[0], e -> new LinkedHashMap<>())
                    .computeIfAbsent(f[3], m -> new TreeMap<>())
                    .computeIfAbsent(Integer.parseInt(f[1]), p -> new double[] {Double.NaN, Double.NaN});
            pair[f[2].equals("with") ? 1 : 0] = Double.parseDouble(f[4]);
        }
        StringBuilder out = new StringBuilder();
        for (var endpoint : table.entrySet()) {
            out.append(endpoint.getKey()).append('\n');
            out.append(String.format(Locale.ROOT, "  %-8s %12s %12s %28s%n", "metric", "without", "with",
                    "with/without  or  added"));
            for (var metric : endpoint.getValue().entrySet()) {
                out.append(row(metric.getKey(), metric.getValue()));
            }
        }
        return out.toString();
    }

    private static String row(String metric, Map<Integer, double[]> pairs) {
        boolean throughput = metric.equals("rps");
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        List<Double> compared = new ArrayList<>();
        for (double[] pair : pairs.values()) {
            if (Double.isNaN(pair[0]) || Double.isNaN(pair[1])) {
                continue;
            }
            without.add(pair[0]);
            with.add(pair[1]);
            compared.add(throughput ? pair[1] / pair[0] : pair[1] - pair[0]);
        }
        if (compared.isEmpty()) {
            return String.format(Locale.ROOT, "  %-8s (no complete pair)%n", metric);
        }
        double[] c = sorted(compared);
        String comparison = throughput
                ? String.format(Locale.ROOT, "ratio %.3f [%.3f..%.3f]", median(c), c[0], c[c.length - 1])
                : String.format(Locale.ROOT, "added %+.1f [%+.1f..%+.1f]", median(c), c[0], c[c.length - 1]);
        return String.format(Locale.ROOT, "  %-8s %12.1f %12.1f %28s   (%d pairs)%n", metric,
                median(sorted(without)), median(sorted(with)), comparison, c.length);
    }

    private static double[] sorted(List<Double> values) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(array);
        return array;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
