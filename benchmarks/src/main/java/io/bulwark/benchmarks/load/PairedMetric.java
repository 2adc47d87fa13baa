package io.bulwark.benchmarks.load;

import java.util.Map;
import java.util.SortedMap;

/**
 * One metric of one endpoint over the A/B pairs: the value without and with the agent, pair by pair. Only pairs
 * with both values count; comparing within a pair cancels the drift of a shared machine between pairs.
 */
record PairedMetric(String[] pairs, double[] without, double[] with) {

    /** {@code byPair}: pair (or pair.round) -> {without, with}, NaN where a run gave no value. */
    static PairedMetric of(SortedMap<String, double[]> byPair) {
        int n = (int) byPair.values().stream().filter(PairedMetric::complete).count();
        String[] pairs = new String[n];
        double[] without = new double[n];
        double[] with = new double[n];
        int i = 0;
        for (Map.Entry<String, double[]> pair : byPair.entrySet()) {
            if (complete(pair.getValue())) {
                pairs[i] = pair.getKey();
                without[i] = pair.getValue()[0];
                with[i] = pair.getValue()[1];
                i++;
            }
        }
        return new PairedMetric(pairs, without, with);
    }

    private static boolean complete(double[] pair) {
        return !Double.isNaN(pair[0]) && !Double.isNaN(pair[1]);
    }

    int size() {
        return pairs.length;
    }

    /** with / without, per pair. */
    Spread ratio() {
        double[] r = new double[size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = with[i] / without[i];
        }
        return Spread.of(r);
    }

    /** with - without, per pair. */
    Spread added() {
        double[] d = new double[size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = with[i] - without[i];
        }
        return Spread.of(d);
    }
}
