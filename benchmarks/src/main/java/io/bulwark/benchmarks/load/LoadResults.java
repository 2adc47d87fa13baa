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
 * Lines of another shape, or whose value is not a number (a run that could not measure it), are skipped.
 */
final class LoadResults {

    /** endpoint -> metric -> pair -> {without, with} */
    private final Map<String, Map<String, SortedMap<Integer, double[]>>> values = new LinkedHashMap<>();

    static LoadResults parse(List<String> lines) {
        LoadResults results = new LoadResults();
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f.length != 5) {
                continue;
            }
            double value;
            int pair;
            try {
                value = Double.parseDouble(f[4]);
                pair = Integer.parseInt(f[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            results.values.computeIfAbsent(f[0], e -> new LinkedHashMap<>())
                    .computeIfAbsent(f[3], m -> new TreeMap<>())
                    .computeIfAbsent(pair, p -> new double[] {Double.NaN, Double.NaN})[f[2].equals("with") ? 1 : 0] =
                    value;
        }
        return results;
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
