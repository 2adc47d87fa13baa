package io.bulwark.policies.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketKeyMemoTest {

    private static final LimitSpec PER_IP = LimitSpec.of("per-ip", List.of("ip"), 10, Duration.ofSeconds(1), null);
    private static final LimitSpec PER_CALLER =
            LimitSpec.of("per-caller", List.of("subject"), 10, Duration.ofSeconds(1), null);

    private final BucketKeyMemo memo = new BucketKeyMemo();

    @Test
    void aClientSeenBeforeGetsTheSameKeyWithoutBuildingItAgain() {
        String first = memo.keyOf(PER_IP, RequestKeys.ofIp("10.0.0.7", null));
        String again = memo.keyOf(PER_IP, RequestKeys.ofIp(new String("10.0.0.7".toCharArray()), null));

        assertThat(first).isEqualTo(BucketKeys.of(PER_IP, RequestKeys.ofIp("10.0.0.7", null)));
        assertThat(again).isSameAs(first);
    }

    @Test
    void everyOtherValueOrLimitHasItsOwnKey() {
        RequestKeys alice = new RequestKeys("10.0.0.7", null, "alice", null, null);
        RequestKeys bob = new RequestKeys("10.0.0.7", null, "bob", null, null);

        assertThat(memo.keyOf(PER_CALLER, alice)).isEqualTo("10:per-caller|S5:alice");
        assertThat(memo.keyOf(PER_CALLER, bob)).isEqualTo("10:per-caller|S3:bob");
        assertThat(memo.keyOf(PER_IP, alice)).isEqualTo("6:per-ip|I8:10.0.0.7");
        assertThat(memo.keyOf(PER_CALLER, alice)).isEqualTo("10:per-caller|S5:alice");
    }

    @Test
    void aSubjectThatLooksLikeAnAddressNeverSharesTheAddressFallbackKey() {
        RequestKeys anonymous = new RequestKeys("10.0.0.7", null, null, null, null);
        RequestKeys ipLikeSubject = new RequestKeys("192.0.2.1", null, "10.0.0.7", null, null);

        String fallback = memo.keyOf(PER_CALLER, anonymous);
        String subject = memo.keyOf(PER_CALLER, ipLikeSubject);

        assertThat(fallback).isEqualTo("10:per-caller|i8:10.0.0.7");
        assertThat(subject).isEqualTo("10:per-caller|S8:10.0.0.7");
    }

    @Test
    void aReloadedLimitIsANewLimitEvenWhenItReadsTheSame() {
        LimitSpec reloaded = LimitSpec.of("per-ip", List.of("ip"), 10, Duration.ofSeconds(1), null);
        String before = memo.keyOf(PER_IP, RequestKeys.ofIp("10.0.0.7", null));

        String after = memo.keyOf(reloaded, RequestKeys.ofIp("10.0.0.7", null));

        assertThat(after).isEqualTo(before).isNotSameAs(before);
    }

    @Test
    void headerAndSeveralPartKeysAreBuiltEveryTime() {
        LimitSpec perTenant = LimitSpec.of("per-tenant", List.of("header:X-Tenant"), 10, Duration.ofSeconds(1), null);
        LimitSpec mixed = LimitSpec.of("mixed", List.of("subject", "ip"), 10, Duration.ofSeconds(1), null);
        RequestKeys keys = new RequestKeys("10.0.0.7", null, "alice", null,
                name -> name.equals("x-tenant") ? "acme" : null);

        assertThat(memo.keyOf(perTenant, keys)).isNotSameAs(memo.keyOf(perTenant, keys))
                .isEqualTo(BucketKeys.of(perTenant, keys));
        assertThat(memo.keyOf(mixed, keys)).isNotSameAs(memo.keyOf(mixed, keys)).isEqualTo("5:mixed|S5:alice|I8:10.0.0.7");
    }

    @Test
    void anAddressAloneFindsTheKeyTheFullRequestKeysMake() {
        String full = memo.keyOf(PER_IP, RequestKeys.ofIp("10.0.0.7", "/orders"));

        assertThat(memo.ipKeyOf(PER_IP, new String("10.0.0.7".toCharArray()))).isSameAs(full);
        assertThat(memo.ipKeyOf(PER_IP, "10.0.0.8")).isEqualTo("6:per-ip|I8:10.0.0.8");
        assertThat(memo.ipKeyOf(PER_IP, null)).isEqualTo(BucketKeys.of(PER_IP, RequestKeys.ofIp(null, null)));
        String longIp = "1".repeat(200);
        assertThat(memo.ipKeyOf(PER_IP, longIp)).isEqualTo(BucketKeys.of(PER_IP, RequestKeys.ofIp(longIp, null)));
    }
}
