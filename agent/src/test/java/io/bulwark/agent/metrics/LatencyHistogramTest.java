package io.bulwark.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void eachValueLandsInTheBucketWhoseUpperBoundIsTheNextPowerOfTwo() {
        long[] bounds = LatencyHistogram.upperBoundsNanos();
        assertThat(bounds[0]).isEqualTo(128);
        assertThat(bounds[1]).isEqualTo(256);
        assertThat(bounds[LatencyHistogram.BUCKETS - 2]).isEqualTo(1L << 27);
        assertThat(bounds[LatencyHistogram.BUCKETS - 1]).isEqualTo(Long.MAX_VALUE);

        assertThat(LatencyHistogram.bucketOf(0)).isZero();
        assertThat(LatencyHistogram.bucketOf(127)).isZero();
        assertThat(LatencyHistogram.bucketOf(128)).isEqualTo(1);
        assertThat(LatencyHistogram.bucketOf(255)).isEqualTo(1);
        assertThat(LatencyHistogram.bucketOf(256)).isEqualTo(2);
        assertThat(LatencyHistogram.bucketOf((1L << 27) - 1)).isEqualTo(LatencyHistogram.BUCKETS - 2);
        assertThat(LatencyHistogram.bucketOf(1L << 27)).isEqualTo(LatencyHistogram.BUCKETS - 1);
        assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
        for (long value : new long[] {1, 100, 129, 1000, 65_535, 1_000_000, 99_999_999}) {
            int bucket = LatencyHistogram.bucketOf(value);
            assertThat(value).isLessThan(bounds[bucket]);
            if (bucket > 0) {
                assertThat(value).isGreaterThanOrEqualTo(bounds[bucket - 1]);
            }
        }
    }

    @Test
    void countsTotalAndQuantilesFollowTheRecordedValues() {
        LatencyHistogram histogram = new LatencyHistogram();
        assertThat(histogram.quantileUpperBoundNanos(0.5)).isZero();
        for (int i = 0; i < 98; i++) {
            histogram.record(300); // bucket [256, 512)
        }
        histogram.record(5_000); // [4096, 8192)
        histogram.record(-7); // a clock glitch counts as zero, it does not throw
        assertThat(histogram.count()).isEqualTo(100);
        assertThat(histogram.totalNanos()).isEqualTo(98 * 300 + 5_000);
        long[] counts = histogram.counts();
        assertThat(counts[0]).isEqualTo(1);
        assertThat(counts[2]).isEqualTo(98);
        assertThat(counts[6]).isEqualTo(1);
        assertThat(histogram.quantileUpperBoundNanos(0.5)).isEqualTo(512);
        assertThat(histogram.quantileUpperBoundNanos(0.99)).isEqualTo(512);
        assertThat(histogram.quantileUpperBoundNanos(1.0)).isEqualTo(8192);
    }
}
