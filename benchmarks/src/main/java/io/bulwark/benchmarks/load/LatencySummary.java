package io.bulwark.benchmarks.load;

import java.util.Arrays;

/** Percentiles of a run's latencies, from a plain sorted array (a run holds at most a few hundred thousand). */
record LatencySummary(int count, long p50Nanos, long p90Nanos, long p99Nanos, long p999Nanos, long maxNanos) {

    static LatencySummary of(long[] latencies, int count) {
        if (count == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        return new LatencySummary(count, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), at(sorted, 0.999),
                sorted[count - 1]);
    }

    /** The nearest-rank percentile: the smallest value with at least {@code fraction} of the values at or below. */
    static long at(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
