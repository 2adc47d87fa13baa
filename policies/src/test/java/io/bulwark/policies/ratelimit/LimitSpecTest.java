package io.bulwark.policies.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitSpecTest {

    @Test
    void parsesEveryKeyForm() {
        LimitSpec spec = LimitSpec.of("mixed", List.of("ip", "apiKey", "subject", "route", "header:X-Tenant"), 10,
                Duration.ofSeconds(1), null);
        assertThat(spec.keyParts()).containsExactly(KeyPart.IP, KeyPart.API_KEY, KeyPart.SUBJECT, KeyPart.ROUTE,
                KeyPart.header("x-tenant"));
        assertThat(spec.keyParts().get(4)).hasToString("header:x-tenant");
        assertThat(spec.burst()).isEqualTo(10);
        assertThat(spec.keyedByIpOnly()).isFalse();
        assertThat(LimitSpec.of("ip", List.of("ip"), 1, Duration.ofSeconds(1), 5L).keyedByIpOnly()).isTrue();
    }

    @Test
    void refusesUnknownKeysAndBadHeaderNames() {
        assertThatIllegalArgumentException().isThrownBy(() -> KeyPart.parse("user"))
                .withMessageContaining("ip, apiKey, subject, route or header:NAME");
        assertThatIllegalArgumentException().isThrownBy(() -> KeyPart.parse("header:"));
        assertThatIllegalArgumentException().isThrownBy(() -> KeyPart.parse("header:X Tenant"));
        assertThatIllegalArgumentException().isThrownBy(() -> KeyPart.parse(null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LimitSpec.of("none", List.of(), 1, Duration.ofSeconds(1), null));
    }

    @Test
    void refusesValuesOutOfRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LimitSpec.of("zero", List.of("ip"), 0, Duration.ofSeconds(1), null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LimitSpec.of("fast", List.of("ip"), 1, Duration.ofNanos(10), null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LimitSpec.of("neg", List.of("ip"), 1, Duration.ofSeconds(1), -1L));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LimitSpec.of("sp ace", List.of("ip"), 1, Duration.ofSeconds(1), null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LimitSpec.of("quo\"te", List.of("ip"), 1, Duration.ofSeconds(1), null));
    }

    @Test
    void policyItemForWholeAndFractionalPeriods() {
        assertThat(LimitSpec.of("a", List.of("ip"), 100, Duration.ofMinutes(1), null).policyItem())
                .isEqualTo("\"a\";q=100;w=60");
        assertThat(LimitSpec.of("b", List.of("ip"), 10, Duration.ofMillis(500), null).policyItem())
                .isEqualTo("\"b\";q=20;w=1");
        assertThat(LimitSpec.of("c", List.of("ip"), 3, Duration.ofMillis(1500), null).policyItem())
                .isEqualTo("\"c\";q=4;w=2");
    }

    @Test
    void fullRefillTimeIsBurstOverRate() {
        LimitSpec spec = LimitSpec.of("a", List.of("ip"), 20, Duration.ofSeconds(1), 40L);
        assertThat(spec.fullRefillNanos()).isEqualTo(2_000_000_000L);
        LimitSpec yearly = LimitSpec.of("y", List.of("ip"), 1, Duration.ofDays(366), 1_000_000_000L);
        assertThat(yearly.fullRefillNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void retryAfterIsWholeSecondsAtLeastOne() {
        assertThat(RateLimitHeaders.retryAfterSeconds(0)).isEqualTo(1);
        assertThat(RateLimitHeaders.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(RateLimitHeaders.retryAfterSeconds(1_000_000_001L)).isEqualTo(2);
        assertThat(RateLimitHeaders.retryAfterSeconds(Long.MAX_VALUE)).isEqualTo(9_223_372_037L);
    }

    @Test
    void equalByValue() {
        assertThat(LimitSpec.of("a", List.of("ip"), 1, Duration.ofSeconds(1), null))
                .isEqualTo(LimitSpec.of("a", List.of("ip"), 1, Duration.ofSeconds(1), 1L))
                .isNotEqualTo(LimitSpec.of("a", List.of("ip"), 1, Duration.ofSeconds(1), 2L));
    }
}
