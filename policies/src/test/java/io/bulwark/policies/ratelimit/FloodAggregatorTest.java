package io.bulwark.policies.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.policies.ratelimit.FloodAggregator.FloodEvent;
import io.bulwark.policies.ratelimit.FloodAggregator.Rejection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FloodAggregatorTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 7_000 * SECOND;

    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger detailsCalls = new AtomicInteger();
    private final FloodAggregator<String> aggregator =
            new FloodAggregator<>(Duration.ofSeconds(10), 100, () -> "evt-" + ids.incrementAndGet());
    private final List<FloodEvent<String>> closed = new ArrayList<>();

    @Test
    void aFloodFromOneClientIsOneEventWithItsCount() {
        Rejection first = reject("per-ip", "198.51.100.7", T0);
        assertThat(first).isEqualTo(new Rejection("evt-1", true));
        for (int i = 1; i < 10_000; i++) {
            assertThat(reject("per-ip", "198.51.100.7", T0 + i * 900_000L)).isEqualTo(new Rejection("evt-1", false));
        }
        assertThat(detailsCalls).hasValue(1);
        assertThat(closed).isEmpty();
        assertThat(aggregator.closeWindows(T0 + 10 * SECOND - 1)).isEmpty();
        List<FloodEvent<String>> events = aggregator.closeWindows(T0 + 10 * SECOND);
        assertThat(events).containsExactly(new FloodEvent<>("evt-1", "per-ip", "198.51.100.7", 10_000, T0,
                T0 + 9_999 * 900_000L, "first request of 198.51.100.7"));
        assertThat(aggregator.openWindows()).isZero();
    }

    @Test
    void clientsAndLimitsHaveSeparateWindows() {
        assertThat(reject("per-ip", "a", T0).eventId()).isEqualTo("evt-1");
        assertThat(reject("per-ip", "b", T0).eventId()).isEqualTo("evt-2");
        assertThat(reject("per-caller", "a", T0).eventId()).isEqualTo("evt-3");
        assertThat(reject("per-ip", "a", T0).eventId()).isEqualTo("evt-1");
        assertThat(aggregator.closeWindows(T0 + 10 * SECOND)).extracting(FloodEvent::rejected)
                .containsExactly(2L, 1L, 1L);
    }

    @Test
    void aNewWindowAfterTheOldOneClosesGetsANewIdAndTheOldEventComesOut() {
        reject("per-ip", "a", T0);
        reject("per-ip", "a", T0 + SECOND);
        Rejection next = reject("per-ip", "a", T0 + 11 * SECOND);
        assertThat(next).isEqualTo(new Rejection("evt-2", true));
        assertThat(closed).singleElement().satisfies(event -> {
            assertThat(event.eventId()).isEqualTo("evt-1");
            assertThat(event.rejected()).isEqualTo(2);
        });
    }

    @Test
    void clientsBeyondTheCapFoldIntoOneOverflowWindowPerLimit() {
        for (int i = 0; i < 100; i++) {
            reject("per-ip", "client-" + i, T0);
        }
        Rejection overflowFirst = reject("per-ip", "client-100", T0);
        assertThat(overflowFirst).isEqualTo(new Rejection("evt-101", true));
        for (int i = 101; i < 1_000_000; i++) {
            assertThat(reject("per-ip", "client-" + i, T0 + 1).eventId()).isEqualTo("evt-101");
        }
        assertThat(reject("per-caller", "someone", T0 + 1).eventId()).isEqualTo("evt-102");
        assertThat(aggregator.openWindows()).isEqualTo(102);
        List<FloodEvent<String>> events = aggregator.closeWindows(T0 + 11 * SECOND);
        assertThat(events).hasSize(102);
        FloodEvent<String> overflow = events.get(100);
        assertThat(overflow.overflow()).isTrue();
        assertThat(overflow.rejected()).isEqualTo(1_000_000 - 100);
        assertThat(overflow.first()).isEqualTo("first request of client-100");
        assertThat(events.stream().mapToLong(FloodEvent::rejected).sum()).isEqualTo(1_000_001);
    }

    private Rejection reject(String limit, String client, long now) {
        return aggregator.reject(limit, client, now, () -> {
            detailsCalls.incrementAndGet();
            return "first request of " + client;
        }, closed);
    }
}
