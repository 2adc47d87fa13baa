package io.bulwark.policies.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalStoreTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 5_000 * SECOND;
    private static final LimitSpec PER_IP = LimitSpec.of("per-ip", List.of("ip"), 10, Duration.ofSeconds(10), null);

    @Test
    void sprayOfDistinctKeysNeverGrowsPastTheCap() {
        LocalStore store = new LocalStore(1_000);
        RateLimiter limiter = new RateLimiter(store);
        for (int i = 0; i < 100_000; i++) {
            assertThat(limiter.decide(List.of(PER_IP), RequestKeys.ofIp(ip(i), null), T0).admitted()).isTrue();
        }
        assertThat(store.size()).isLessThanOrEqualTo(1_000).isGreaterThan(900);
        // All were fresh and refilling at once: every eviction dropped a bucket before it was full again.
        assertThat(store.hotEvictions()).isEqualTo(100_000 - store.size());
    }

    @Test
    void idleBucketsAreDroppedAsTrafficPasses() {
        LocalStore store = new LocalStore(100_000);
        RateLimiter limiter = new RateLimiter(store);
        for (int i = 0; i < 500; i++) {
            limiter.decide(List.of(PER_IP), RequestKeys.ofIp(ip(i), null), T0);
        }
        assertThat(store.size()).isEqualTo(500);
        // Each access drops at most its stripe's eldest idle bucket: after the limit's full refill time, traffic on
        // any key sweeps the idle ones out.
        long later = T0 + 10 * SECOND;
        for (int i = 0; i < 2_000; i++) {
            limiter.decide(List.of(PER_IP), RequestKeys.ofIp(ip(100_000 + i % 200), null), later);
        }
        assertThat(store.size()).isEqualTo(200);
        assertThat(store.hotEvictions()).isZero();
    }

    @Test
    void anIdleBucketForgottenIsAFreshBucket() {
        LocalStore store = new LocalStore(16);
        RateLimiter limiter = new RateLimiter(store);
        for (int i = 0; i < 10; i++) {
            limiter.decide(List.of(PER_IP), RequestKeys.ofIp("198.51.100.7", null), T0);
        }
        assertThat(limiter.decide(List.of(PER_IP), RequestKeys.ofIp("198.51.100.7", null), T0).admitted()).isFalse();
        long later = T0 + 10 * SECOND;
        for (int i = 0; i < 64; i++) {
            limiter.decide(List.of(PER_IP), RequestKeys.ofIp(ip(i), null), later);
        }
        RateLimitDecision back = limiter.decide(List.of(PER_IP), RequestKeys.ofIp("198.51.100.7", null), later);
        assertThat(back.admitted()).isTrue();
        assertThat(back.statuses().get(0).remaining()).isEqualTo(9);
        assertThat(store.hotEvictions()).isEqualTo(64 - 16 + 1);
    }

    @Test
    void refusesACapTooSmallToStripe() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LocalStore(8));
    }

    /**
     * The heap a full store costs: a million distinct keys (an address spray) into the default cap, all hot so none
     * can be dropped early. Printed for the report; asserted against a bound so a regression fails.
     */
    @Test
    void heapAfterAMillionKeysIsBoundedByTheCap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledHeap(memory);
        LocalStore store = new LocalStore();
        RateLimiter limiter = new RateLimiter(store);
        long now = T0;
        for (int i = 0; i < 1_000_000; i++) {
            limiter.decide(List.of(PER_IP), RequestKeys.ofIp(ip(i), null), now);
        }
        long after = settledHeap(memory);
        long retained = after - before;
        int size = store.size();
        System.out.printf("LocalStore after 1,000,000 keys: %d buckets, %.1f MB retained, %d bytes per bucket%n",
                size, retained / 1e6, retained / size);
        assertThat(size).isLessThanOrEqualTo(LocalStore.DEFAULT_MAX_BUCKETS);
        assertThat(retained).isLessThan(400L * LocalStore.DEFAULT_MAX_BUCKETS);
        assertThat(limiter.decide(List.of(PER_IP), RequestKeys.ofIp(ip(999_999), null), now).admitted()).isTrue();
    }

    private static long settledHeap(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void aFullStoreDropsTheLeastRecentlyUsedBucketNotTheOldest() {
        LocalStore store = new LocalStore(16);
        RateLimiter limiter = new RateLimiter(store);
        for (int i = 0; i < 16; i++) {
            limiter.decide(List.of(PER_IP), RequestKeys.ofIp(ip(i), null), T0);
        }
        // ip(0) came first but is used again now, so ip(1) is the least recently used
        limiter.decide(List.of(PER_IP), RequestKeys.ofIp(ip(0), null), T0);

        limiter.decide(List.of(PER_IP), RequestKeys.ofIp(ip(99), null), T0);

        assertThat(store.size()).isEqualTo(16);
        assertThat(store.hotEvictions()).isEqualTo(1);
        assertThat(limiter.decide(List.of(PER_IP), RequestKeys.ofIp(ip(0), null), T0).statuses().get(0).remaining())
                .as("kept: its third token").isEqualTo(7);
        assertThat(store.hotEvictions()).isEqualTo(1);
        assertThat(limiter.decide(List.of(PER_IP), RequestKeys.ofIp(ip(1), null), T0).statuses().get(0).remaining())
                .as("dropped: a fresh bucket").isEqualTo(9);
    }

    @Test
    void explainingOnlyRefusalsCountsLikeTryConsume() {
        LocalStore store = new LocalStore(16);
        for (int i = 0; i < 10; i++) {
            assertThat(store.tryConsumeOrExplain(PER_IP, "k", T0)).isNull();
        }
        StoreVerdict refused = store.tryConsumeOrExplain(PER_IP, "k", T0);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.readings()).hasSize(1);
        assertThat(refused.readings().get(0).nanosUntilToken()).isEqualTo(SECOND);
        assertThat(store.tryConsumeOrExplain(List.of(PER_IP, PER_IP), List.of("k", "other"), T0 + SECOND))
                .as("both admitted").isNull();
        assertThat(store.tryConsume(List.of(PER_IP), List.of("other"), T0 + SECOND).readings().get(0).remaining())
                .isEqualTo(8);
    }

    private static String ip(int i) {
        return "10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
    }
}
