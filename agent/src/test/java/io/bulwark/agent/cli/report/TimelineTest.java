package io.bulwark.agent.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimelineTest {
    private static final long T0 = Instant.parse("2026-11-28T06:00:00Z").toEpochMilli();

    @Test
    void bucketsAreTheNarrowestLadderWidthThatFits() {
        Timeline timeline = new Timeline(4096);
        timeline.add(T0 + 1_000, true);
        timeline.add(T0 + 59_000, false);
        timeline.add(T0 + 60_000, true);

        List<Timeline.Bucket> buckets = timeline.buckets(2);

        assertThat(buckets).containsExactly(
                new Timeline.Bucket(T0, 60_000, 1, 1),
                new Timeline.Bucket(T0 + 60_000, 60_000, 1, 0));
        assertThat(timeline.buckets(100)).hasSize(60).allMatch(b -> b.widthMillis() == 1000);
    }

    @Test
    void aSpanOfYearsKeepsEveryEventInAFewBuckets() {
        Timeline timeline = new Timeline(64);
        Random random = new Random(1);
        long blocked = 0;
        for (int i = 0; i < 5000; i++) {
            boolean b = random.nextBoolean();
            blocked += b ? 1 : 0;
            timeline.add(T0 + (long) (random.nextDouble() * 3 * 365 * 86_400_000L), b);
        }

        List<Timeline.Bucket> buckets = timeline.buckets(40);

        assertThat(buckets).hasSizeLessThanOrEqualTo(40);
        assertThat(buckets.stream().mapToLong(Timeline.Bucket::total).sum()).isEqualTo(5000);
        assertThat(buckets.stream().mapToLong(Timeline.Bucket::blocked).sum()).isEqualTo(blocked);
        assertThat(buckets.get(0).widthMillis()).isGreaterThanOrEqualTo(28L * 86_400_000L);
    }

    @Test
    void theOrderEventsArriveInChangesNothing() {
        List<Long> times = new ArrayList<>();
        Random random = new Random(2);
        for (int i = 0; i < 3000; i++) {
            times.add(T0 + random.nextInt(6 * 3600) * 1000L + random.nextInt(1000));
        }
        List<Long> reversed = new ArrayList<>(times);
        Collections.sort(reversed, Collections.reverseOrder());
        List<Long> shuffled = new ArrayList<>(times);
        Collections.shuffle(shuffled, random);

        assertThat(of(reversed).buckets(96)).isEqualTo(of(times).buckets(96)).isEqualTo(of(shuffled).buckets(96));
        assertThat(of(times).buckets(96).get(0).widthMillis()).isEqualTo(300_000);
    }

    @Test
    void timesBeforeTheEpochAreBucketedToo() {
        Timeline timeline = new Timeline(16);
        timeline.add(-1, true);
        timeline.add(0, true);

        assertThat(timeline.buckets(10)).containsExactly(
                new Timeline.Bucket(-1000, 1000, 1, 0), new Timeline.Bucket(0, 1000, 1, 0));
    }

    private static Timeline of(List<Long> times) {
        Timeline timeline = new Timeline(128);
        for (long t : times) {
            timeline.add(t, t % 3 == 0);
        }
        return timeline;
    }
}
