package io.bulwark.policies.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketKeysTest {

    private static final RequestKeys ALICE = new RequestKeys("10.0.0.7", null, "alice", "/api/orders",
            name -> name.equalsIgnoreCase("X-Tenant") ? "acme" : null);

    private static LimitSpec limit(String name, String... key) {
        return LimitSpec.of(name, List.of(key), 10, Duration.ofSeconds(1), null);
    }

    @Test
    void aOnePartKeyIsTheLimitThenTheTaggedLengthPrefixedValue() {
        assertThat(BucketKeys.of(limit("per-ip", "ip"), ALICE)).isEqualTo("6:per-ip|I8:10.0.0.7");
        assertThat(BucketKeys.of(limit("per-caller", "subject"), ALICE)).isEqualTo("10:per-caller|S5:alice");
    }

    @Test
    void severalPartsFollowEachOtherInTheSameForm() {
        assertThat(BucketKeys.of(limit("mixed", "subject", "ip"), ALICE)).isEqualTo("5:mixed|S5:alice|I8:10.0.0.7");
    }

    @Test
    void anAbsentPartFallsBackToTheIpTaggedApart() {
        assertThat(BucketKeys.of(limit("per-key", "apiKey"), ALICE)).isEqualTo("7:per-key|i8:10.0.0.7");
    }

    @Test
    void headerValuesAndLongValuesAreDigestedNotKept() {
        String header = BucketKeys.of(limit("per-tenant", "header:X-Tenant"), ALICE);
        assertThat(header).startsWith("10:per-tenant|H44:#").doesNotContain("acme");

        String longSubject = "s".repeat(200);
        RequestKeys keys = new RequestKeys("10.0.0.7", null, longSubject, null, name -> null);
        assertThat(BucketKeys.of(limit("per-caller", "subject"), keys)).startsWith("10:per-caller|S44:#")
                .doesNotContain(longSubject);
    }
}
