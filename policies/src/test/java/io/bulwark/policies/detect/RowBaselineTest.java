package io.bulwark.policies.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class RowBaselineTest {

    @Test
    void judgesNothingUntilTheRouteHasEnoughSamples() {
        RowBaseline baseline = new RowBaseline(10, 5, 100);
        for (int i = 0; i < 5; i++) {
            assertThat(baseline.record("/orders", i == 0 ? 10_000 : 10)).isNull();
        }
    }

    @Test
    void aRequestReadingFiftyTimesTheUsualIsAnAnomaly() {
        RowBaseline baseline = new RowBaseline(20, 20, 100);
        for (int i = 0; i < 30; i++) {
            assertThat(baseline.record("/orders/{id}", 10)).isNull();
        }
        RowAnomaly anomaly = baseline.record("/orders/{id}", 500);
        assertThat(anomaly).isNotNull();
        assertThat(anomaly.route()).isEqualTo("/orders/{id}");
        assertThat(anomaly.rows()).isEqualTo(500);
        assertThat(anomaly.usualRows()).isCloseTo(10.0, offset(0.001));
        assertThat(anomaly.samples()).isEqualTo(30);
        assertThat(baseline.record("/orders/{id}", 150)).as("15x is under the factor").isNull();
    }

    @Test
    void routesAreJudgedSeparately() {
        RowBaseline baseline = new RowBaseline(20, 3, 100);
        for (int i = 0; i < 5; i++) {
            baseline.record("/export", 5_000);
            baseline.record("/orders", 2);
        }
        assertThat(baseline.record("/export", 5_000)).isNull();
        assertThat(baseline.record("/orders", 5_000)).isNotNull();
    }

    @Test
    void aRouteThatReadsNothingIsNotFlaggedForAFewRows() {
        RowBaseline baseline = new RowBaseline(20, 3, 100);
        for (int i = 0; i < 10; i++) {
            baseline.record("/health", 0);
            baseline.record("/ping", 0);
        }
        assertThat(baseline.record("/health", 20)).isNull();
        assertThat(baseline.record("/ping", 21)).isNotNull();
    }

    @Test
    void repeatedExfiltrationDoesNotQuicklyBecomeNormal() {
        RowBaseline baseline = new RowBaseline(10, 20, 100);
        for (int i = 0; i < 100; i++) {
            baseline.record("/orders", 10);
        }
        int flagged = 0;
        for (int i = 0; i < 10; i++) {
            if (baseline.record("/orders", 100_000) != null) {
                flagged++;
            }
        }
        assertThat(flagged).isEqualTo(10);
    }

    @Test
    void tracksAtMostTheConfiguredNumberOfRoutes() {
        RowBaseline baseline = new RowBaseline(10, 1, 50);
        for (int i = 0; i < 10_000; i++) {
            baseline.record("/r" + i, 1);
        }
        assertThat(baseline.trackedRoutes()).isEqualTo(50);
    }
}
