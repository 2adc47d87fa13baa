package io.bulwark.policies.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BruteForceGuardTest {

    private static final long T0 = 1_000_000;
    private final BruteForceSettings settings = new BruteForceSettings(BruteForceSettings.Key.IP, 5,
            Duration.ofMinutes(1), Duration.ofMinutes(15));

    @Test
    void locksOutAtTheThresholdAndSaysSoOnce() {
        BruteForceGuard guard = new BruteForceGuard(settings);

        for (int i = 0; i < 4; i++) {
            assertThat(guard.recordFailure("ip:10.0.0.1", T0 + i)).isFalse();
            assertThat(guard.blockedFor("ip:10.0.0.1", T0 + i)).isZero();
        }
        assertThat(guard.recordFailure("ip:10.0.0.1", T0 + 4)).as("the fifth failure starts the block").isTrue();
        assertThat(guard.recordFailure("ip:10.0.0.1", T0 + 5)).as("logged once, not per request").isFalse();
        assertThat(guard.blockedFor("ip:10.0.0.1", T0 + 4)).isEqualTo(Duration.ofMinutes(15));
        assertThat(guard.blockedFor("ip:10.0.0.1", T0 + 60_004)).isEqualTo(Duration.ofMinutes(14));
        assertThat(guard.blockedFor("ip:10.0.0.2", T0 + 5)).as("other clients are unaffected").isZero();
    }

    @Test
    void releasesWhenTheBlockEndsAndCountsAfresh() {
        BruteForceGuard guard = new BruteForceGuard(settings);
        for (int i = 0; i < 5; i++) {
            guard.recordFailure("ip:10.0.0.1", T0);
        }
        long released = T0 + Duration.ofMinutes(15).toMillis();

        assertThat(guard.blockedFor("ip:10.0.0.1", released - 1)).isPositive();
        assertThat(guard.blockedFor("ip:10.0.0.1", released)).isZero();
        assertThat(guard.recordFailure("ip:10.0.0.1", released)).isFalse();
    }

    @Test
    void failuresSpreadBeyondTheWindowDoNotAddUp() {
        BruteForceGuard guard = new BruteForceGuard(settings);

        for (int i = 0; i < 20; i++) {
            assertThat(guard.recordFailure("ip:10.0.0.1", T0 + i * 20_000L)).isFalse();
        }
        assertThat(guard.blockedFor("ip:10.0.0.1", T0 + 400_000)).isZero();
    }

    @Test
    void memoryIsBoundedAndBlockedClientsAreKeptLongest() {
        BruteForceGuard guard = new BruteForceGuard(new BruteForceSettings(BruteForceSettings.Key.IP, 2,
                Duration.ofMinutes(1), Duration.ofMinutes(15), 100));
        guard.recordFailure("ip:attacker", T0);
        guard.recordFailure("ip:attacker", T0);

        for (int i = 0; i < 10_000; i++) {
            guard.recordFailure("ip:spray-" + i, T0 + 1);
            assertThat(guard.tracked()).isLessThanOrEqualTo(101);
        }
        assertThat(guard.blockedFor("ip:attacker", T0 + 2)).isPositive();
    }

    @Test
    void keysFollowTheConfiguredKind() {
        assertThat(settings.keysFor("10.0.0.1", "alice")).containsExactly("ip:10.0.0.1");
        BruteForceSettings both = new BruteForceSettings(BruteForceSettings.Key.IP_AND_SUBJECT, 5,
                Duration.ofMinutes(1), Duration.ofMinutes(15));
        assertThat(both.keysFor("10.0.0.1", "alice")).containsExactly("ip:10.0.0.1", "subject:alice");
        assertThat(both.keysFor("10.0.0.1", null)).containsExactly("ip:10.0.0.1");
        BruteForceSettings subject = new BruteForceSettings(BruteForceSettings.Key.SUBJECT, 5,
                Duration.ofMinutes(1), Duration.ofMinutes(15));
        assertThat(subject.keysFor("10.0.0.1", null)).isEmpty();
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BruteForceSettings(BruteForceSettings.Key.IP, 0,
                Duration.ofMinutes(1), Duration.ofMinutes(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new BruteForceSettings(BruteForceSettings.Key.IP, 3,
                Duration.ZERO, Duration.ofMinutes(1)));
    }
}
