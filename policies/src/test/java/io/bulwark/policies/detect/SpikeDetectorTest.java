package io.bulwark.policies.detect;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpikeDetectorTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 5_000 * SECOND;

    private static SpikeDetector detector(int clientErrors, int distinctPaths) {
        return new SpikeDetector(new SpikeThresholds(Duration.ofSeconds(60), clientErrors, 5, 3, distinctPaths,
                10, 1000));
    }

    @Test
    void aScannerBurstIsReportedOncePerKindWithItsCount() {
        SpikeDetector detector = detector(20, 30);
        List<SpikeFinding> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.addAll(detector.observe("203.0.113.9", RowBaseline.NO_ROUTE, "/probe/" + i, 404, false, false,
                    T0 + i * 10_000_000L));
        }
        assertThat(all).extracting(SpikeFinding::kind)
                .containsExactlyInAnyOrder(SpikeKind.CLIENT_ERRORS, SpikeKind.PATH_SWEEP);
        SpikeFinding errors = all.stream().filter(f -> f.kind() == SpikeKind.CLIENT_ERRORS).findFirst().orElseThrow();
        assertThat(errors.client()).isEqualTo("203.0.113.9");
        assertThat(errors.count()).isEqualTo(21);
        assertThat(errors.threshold()).isEqualTo(20);
        SpikeFinding sweep = all.stream().filter(f -> f.kind() == SpikeKind.PATH_SWEEP).findFirst().orElseThrow();
        assertThat(sweep.count()).isEqualTo(31);
    }

    @Test
    void successfulTrafficIsNeverCountedOrTracked() {
        SpikeDetector detector = detector(1, 1);
        for (int i = 0; i < 1000; i++) {
            assertThat(detector.observe("198.51.100.1", "/orders", "/orders/" + i, 200, false, false, T0 + i))
                    .isEmpty();
        }
        assertThat(detector.trackedClients()).isZero();
    }

    @Test
    void aFewErrorsStayUnderTheThreshold() {
        SpikeDetector detector = detector(20, 30);
        for (int i = 0; i < 20; i++) {
            assertThat(detector.observe("198.51.100.1", "/orders", "/orders/x", 404, false, false, T0 + i))
                    .isEmpty();
        }
    }

    @Test
    void theSameClientIsReportedAgainInALaterWindow() {
        SpikeDetector detector = detector(5, 1000);
        int reported = 0;
        for (int minute = 0; minute < 3; minute++) {
            for (int i = 0; i < 10; i++) {
                reported += detector.observe("c", "/a", "/a", 403, false, false,
                        T0 + minute * 61 * SECOND + i).size();
            }
        }
        assertThat(reported).isEqualTo(3);
    }

    @Test
    void straddlingAWindowBoundaryDoesNotHideABurst() {
        SpikeDetector detector = detector(10, 1000);
        List<SpikeFinding> all = new ArrayList<>();
        // 8 errors at the end of one window, 8 at the start of the next: 16 within a few seconds.
        for (int i = 0; i < 8; i++) {
            all.addAll(detector.observe("c", "/a", "/a", 404, false, false, T0 + 58 * SECOND + i));
        }
        for (int i = 0; i < 8; i++) {
            all.addAll(detector.observe("c", "/a", "/a", 404, false, false, T0 + 61 * SECOND + i));
        }
        assertThat(all).extracting(SpikeFinding::kind).containsExactly(SpikeKind.CLIENT_ERRORS);
    }

    @Test
    void authFailuresAndBlockedAttacksHaveTheirOwnThresholds() {
        SpikeDetector detector = detector(1000, 1000);
        List<SpikeFinding> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.addAll(detector.observe("c", "/login", "/login", 401, true, false, T0 + i));
            all.addAll(detector.observe("c", "/search", "/search", 403, false, true, T0 + i));
        }
        assertThat(all).extracting(SpikeFinding::kind)
                .containsExactlyInAnyOrder(SpikeKind.AUTH_FAILURES, SpikeKind.BLOCKED_ATTACKS);
        assertThat(all).allSatisfy(f -> assertThat(f.count()).isEqualTo(f.threshold() + 1));
    }

    @Test
    void aRouteWhose4xxSurgesAgainstItsHistoryIsReportedOnce() {
        SpikeDetector detector = new SpikeDetector(new SpikeThresholds(Duration.ofSeconds(60), 10, 5, 3, 1000,
                5, 1000));
        long now = T0;
        List<SpikeFinding> all = new ArrayList<>();
        for (int window = 0; window < 5; window++) {
            for (int i = 0; i < 2; i++) {
                all.addAll(detector.observe("c" + window + "-" + i, "/orders", "/orders", 404, false, false, now));
            }
            now += 60 * SECOND;
        }
        assertThat(all).isEmpty();
        for (int i = 0; i < 40; i++) {
            all.addAll(detector.observe("client-" + i, "/orders", "/orders", 404, false, false, now + i));
        }
        assertThat(all).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(SpikeKind.ROUTE_SURGE);
            assertThat(f.route()).isEqualTo("/orders");
            assertThat(f.client()).isNull();
            assertThat(f.count()).isEqualTo(11);
        });
    }

    @Test
    void aSpoofedAddressFloodKeepsTheClientTableBounded() {
        SpikeDetector detector = new SpikeDetector(new SpikeThresholds(Duration.ofSeconds(60), 10, 5, 3, 30,
                10, 100));
        for (int i = 0; i < 20_000; i++) {
            detector.observe("10.0." + (i >> 8) + "." + (i & 255), "/a", "/a/" + i, 404, false, false, T0 + i);
        }
        assertThat(detector.trackedClients()).isEqualTo(100);
    }
}
