package io.bulwark.agent.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Time the agent adds, in power-of-two buckets from under 128 ns to over 134 ms. Fixed buckets, so recording is an
 * index computation and one striped increment: no allocation, no lock, the same cost whatever the value.
 */
public final class LatencyHistogram {

    /** Bucket 0 holds values below 2^7 ns; bucket i below 2^(i+7) ns; the last one everything from 2^27 ns up. */
    static final int BUCKETS = 22;
    private static final int FIRST_SHIFT = 7;

    private final LongAdder[] counts = new LongAdder[BUCKETS];
    private final LongAdder totalNanos = new LongAdder();

    public LatencyHistogram() {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void record(long nanos) {
        long value = Math.max(0, nanos); // nanoTime is monotonic, but a clock glitch must not throw on a request
        counts[bucketOf(value)].increment();
        totalNanos.add(value);
    }

    static int bucketOf(long nanos) {
        int bits = 64 - Long.numberOfLeadingZeros(nanos);
        return Math.min(BUCKETS - 1, Math.max(0, bits - FIRST_SHIFT));
    }

    /** Exclusive upper bound of each bucket in nanoseconds; the last bucket's is {@link Long#MAX_VALUE}. */
    public static long[] upperBoundsNanos() {
        long[] bounds = new long[BUCKETS];
        for (int i = 0; i < BUCKETS - 1; i++) {
            bounds[i] = 1L << (i + FIRST_SHIFT);
        }
        bounds[BUCKETS - 1] = Long.MAX_VALUE;
        return bounds;
    }

    public long[] counts() {
        long[] snapshot = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts[i].sum();
        }
        return snapshot;
    }

    public long count() {
        long sum = 0;
        for (LongAdder c : counts) {
            sum += c.sum();
        }
        return sum;
    }

    public long totalNanos() {
        return totalNanos.sum();
    }

    /**
     * The upper bound of the bucket that holds the {@code quantile} (0..1] of recorded values: an over-estimate by at
     * most a factor of two, which is what fixed buckets can say. 0 when nothing was recorded.
     */
    public long quantileUpperBoundNanos(double quantile) {
        long[] snapshot = counts();
        long total = 0;
        for (long c : snapshot) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        long[] bounds = upperBoundsNanos();
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return bounds[i];
            }
        }
        return bounds[BUCKETS - 1];
    }
}
