package io.bulwark.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimingSamplerTest {

    private static final Metrics.Sources NONE = new Metrics.Sources("t", "p", () -> 0, () -> 0, () -> 0);

    @Test
    void everyRequestIsTimedWhenTheSampleIsOne() {
        RequestMetrics requests = new Metrics(NONE, null, new TimingSampler(1)).requests();
        for (int i = 0; i < 100; i++) {
            long entryNanos = requests.entryNanos(requests.entryStarted());
            assertThat(entryNanos).isGreaterThanOrEqualTo(0);
            requests.exited(entryNanos, requests.exitStarted(entryNanos));
        }
        requests.deniedAtEntry(requests.entryStarted());
        assertThat(requests.getAgentTimeCount()).isEqualTo(101);
    }

    @Test
    void aSampleOfSixteenTimesAboutOneInSixteenAndUntimedRequestsRecordNothing() {
        Metrics metrics = new Metrics(NONE, null, new TimingSampler(16));
        RequestMetrics requests = metrics.requests();
        int runs = 16_000;
        for (int i = 0; i < runs; i++) {
            long entryNanos = requests.entryNanos(requests.entryStarted());
            requests.exited(entryNanos, requests.exitStarted(entryNanos));
            metrics.attacks().sinkFinished(metrics.attacks().sinkStarted());
        }
        // binomial(16000, 1/16): mean 1000, standard deviation about 31; 8 deviations either side never fail
        assertThat(requests.getAgentTimeCount()).isBetween(750L, 1250L);
        assertThat(metrics.attacks().getSinkTimeCount()).isBetween(750L, 1250L);
        assertThat(metrics.attacks().getSinkChecks()).isEqualTo(runs);

        requests.exited(TimingSampler.NOT_TIMED, requests.exitStarted(TimingSampler.NOT_TIMED));
        requests.deniedAtEntry(TimingSampler.NOT_TIMED);
        assertThat(requests.exitStarted(TimingSampler.NOT_TIMED)).isEqualTo(TimingSampler.NOT_TIMED);
        assertThat(requests.entryNanos(TimingSampler.NOT_TIMED)).isEqualTo(TimingSampler.NOT_TIMED);
    }
}
