package io.bulwark.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The load script's measurements: tab-separated lines {@code endpoint pair variant metric value}, variant
 * {@code without} or {@code with}. Endpoints and metrics keep the order in which the script first wrote them.
 * The pair is a number, or {@code pair.round} for a measurement taken several times within a pair (each round is
 * compared within itself, as a pair is). Lines of another shape, or whose value is not a number (a run that could
 * not measure it), are skipped.
 */
final class LoadResults {

    /** endpoint -> metric -> pair -> {without, with} */
    private final Map<String, Map<String, SortedMap<String, double[]>>> values = new LinkedHashMap<>();

    static LoadResults parse(List<String> lines) {
        LoadResults results = new LoadResults();
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f.length != 5) {
                continue;
            }
            double value;
            String pair = f[1];
            try {
                value = Double.parseDouble(f[4]);
                for (String part : pair.split("\\.", -1)) {
                    Integer.parseInt(part);
                }
            } catch (NumberFormatException e) {
                continue;
            }
            results.values.computeIfAbsent(f[0], e -> new LinkedHashMap<>())
                    .computeIfAbsent(f[3], m -> new TreeMap<>(LoadResults::byNumber))
                    .computeIfAbsent(pair, p -> new double[] {Double.NaN, Double.NaN})[f[2].equals("with") ? 1 : 0] =
                    value;
        }
        return results;
    }

    /** "2" before "10", "1.2" before "1.10". */
    private static int byNumber(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    Set<String> endpoints() {
        return values.keySet();
    }

    Set<String> metrics(String endpoint) {
        return values.getOrDefault(endpoint, Map.of()).keySet();
    }

    /** The metric's complete pairs; empty when the endpoint never measured it. */
    PairedMetric metric(String endpoint, String metric) {
        return PairedMetric.of(values.getOrDefault(endpoint, Map.of()).getOrDefault(metric, new TreeMap<>()));
    }

    /** Every value of {@code metric}: all endpoints, pairs and both variants (for what the machine did overall). */
    double[] everyValue(String metric) {
        List<Double> all = new ArrayList<>();
        for (var metrics : values.values()) {
            for (double[] pair : metrics.getOrDefault(metric, new TreeMap<>()).values()) {
                for (double v : pair) {
                    if (!Double.isNaN(v)) {
                        all.add(v);
                    }
                }
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
