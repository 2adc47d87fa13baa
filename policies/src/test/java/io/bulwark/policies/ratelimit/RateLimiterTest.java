package io.bulwark.policies.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 5_000 * SECOND;

    private static final LimitSpec PER_IP = LimitSpec.of("per-ip", List.of("ip"), 5, Duration.ofMinutes(1), null);
    private static final LimitSpec PER_CALLER =
            LimitSpec.of("per-caller", List.of("subject"), 2, Duration.ofSeconds(1), 4L);

    private final RateLimiter limiter = new RateLimiter(new LocalStore(1_000));

    @Test
    void limitPlusFirstRequestIsRefusedWithTheWaitForTheNextToken() {
        for (int i = 0; i < 5; i++) {
            RateLimitDecision decision = limiter.decide(List.of(PER_IP), RequestKeys.ofIp("198.51.100.7", "/a"), T0);
            assertThat(decision.admitted()).isTrue();
            assertThat(decision.statuses().get(0).remaining()).isEqualTo(4 - i);
        }
        RateLimitDecision refused = limiter.decide(List.of(PER_IP), RequestKeys.ofIp("198.51.100.7", "/a"), T0);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.rejectedBy()).isSameAs(PER_IP);
        // 5 per minute: one token every 12 seconds.
        assertThat(refused.retryAfterSeconds()).isEqualTo(12);
        assertThat(refused.retryAfterHeader()).isEqualTo("12");
        assertThat(refused.policyHeader()).isEqualTo("\"per-ip\";q=5;w=60");
        assertThat(refused.statusHeader()).isEqualTo("\"per-ip\";r=0;t=60");
    }

    @Test
    void retryAfterIsEnoughAndNotMore() {
        for (int i = 0; i < 6; i++) {
            limiter.decide(List.of(PER_IP), RequestKeys.ofIp("198.51.100.7", "/a"), T0);
        }
        assertThat(limiter.decide(List.of(PER_IP), RequestKeys.ofIp("198.51.100.7", "/a"), T0 + 12 * SECOND - 1)
                .admitted()).isFalse();
        RateLimitDecision later = limiter.decide(List.of(PER_IP), RequestKeys.ofIp("198.51.100.7", "/a"),
                T0 + 12 * SECOND);
        assertThat(later.admitted()).isTrue();
        assertThat(later.statuses().get(0).remaining()).isZero();
    }

    @Test
    void retryAfterRoundsUpPartialSeconds() {
        LimitSpec three = LimitSpec.of("three", List.of("ip"), 3, Duration.ofSeconds(10), null);
        for (int i = 0; i < 3; i++) {
            limiter.decide(List.of(three), RequestKeys.ofIp("1.1.1.1", null), T0);
        }
        RateLimitDecision refused = limiter.decide(List.of(three), RequestKeys.ofIp("1.1.1.1", null), T0 + SECOND / 2);
        assertThat(refused.retryAfterSeconds()).isEqualTo(3); // 3.333s after T0, 2.83s from now
    }

    @Test
    void burstAllowsMoreAtOnceThanTheRate() {
        RequestKeys alice = new RequestKeys("1.1.1.1", null, "alice", "/orders", null);
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            admitted += limiter.decide(List.of(PER_CALLER), alice, T0).admitted() ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(4);
        RateLimitDecision refused = limiter.decide(List.of(PER_CALLER), alice, T0);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.policyHeader()).isEqualTo("\"per-caller\";q=2;w=1");
        assertThat(refused.statusHeader()).isEqualTo("\"per-caller\";r=0;t=2");
        // Half a second later exactly one token has come back (2 per second).
        assertThat(limiter.decide(List.of(PER_CALLER), alice, T0 + SECOND / 2).admitted()).isTrue();
        assertThat(limiter.decide(List.of(PER_CALLER), alice, T0 + SECOND / 2).admitted()).isFalse();
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        for (int i = 0; i < 5; i++) {
            limiter.decide(List.of(PER_IP), RequestKeys.ofIp("198.51.100.7", "/a"), T0);
        }
        assertThat(limiter.decide(List.of(PER_IP), RequestKeys.ofIp("198.51.100.7", "/a"), T0).admitted()).isFalse();
        assertThat(limiter.decide(List.of(PER_IP), RequestKeys.ofIp("198.51.100.8", "/a"), T0).admitted()).isTrue();
    }

    @Test
    void refusalByOneLimitChargesNoneOfTheOthers() {
        RequestKeys alice = new RequestKeys("198.51.100.7", null, "alice", "/orders", null);
        List<LimitSpec> both = List.of(PER_IP, PER_CALLER);
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.decide(both, alice, T0).admitted()).isTrue();
        }
        // per-ip has 1 left; alice's per-caller bucket is empty.
        RateLimitDecision refused = limiter.decide(both, alice, T0);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.rejectedBy()).isSameAs(PER_CALLER);
        assertThat(refused.statuses()).extracting(LimitStatus::remaining).containsExactly(1L, 0L);
        assertThat(refused.policyHeader()).isEqualTo("\"per-ip\";q=5;w=60, \"per-caller\";q=2;w=1");
        assertThat(refused.statusHeader()).isEqualTo("\"per-ip\";r=1;t=48, \"per-caller\";r=0;t=2");
        // That refusal left per-ip's last token for bob, from the same address.
        RequestKeys bob = new RequestKeys("198.51.100.7", null, "bob", "/orders", null);
        assertThat(limiter.decide(both, bob, T0).admitted()).isTrue();
        assertThat(limiter.decide(both, bob, T0).rejectedBy()).isSameAs(PER_IP);
    }

    @Test
    void severalRefusalsReportTheLongestWait() {
        RequestKeys alice = new RequestKeys("198.51.100.7", null, "alice", "/orders", null);
        LimitSpec perCaller = LimitSpec.of("per-caller", List.of("subject"), 5, Duration.ofSeconds(1), null);
        List<LimitSpec> both = List.of(perCaller, PER_IP);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.decide(both, alice, T0).admitted()).isTrue();
        }
        RateLimitDecision refused = limiter.decide(both, alice, T0);
        assertThat(refused.rejectedBy()).isSameAs(PER_IP);
        assertThat(refused.retryAfterSeconds()).isEqualTo(12);
    }

    @Test
    void aLimitListedTwiceCountsOnce() {
        RequestKeys client = RequestKeys.ofIp("198.51.100.7", "/a");
        RateLimitDecision first = limiter.decide(List.of(PER_IP, PER_IP), client, T0);
        assertThat(first.statuses()).hasSize(1);
        assertThat(first.statuses().get(0).remaining()).isEqualTo(4);
    }

    @Test
    void missingSubjectFallsBackToTheClientIpWithoutMeetingASubjectNamedLikeIt() {
        LimitSpec one = LimitSpec.of("one", List.of("subject"), 1, Duration.ofMinutes(1), null);
        RequestKeys anonymous = new RequestKeys("198.51.100.7", null, null, "/a", null);
        assertThat(limiter.decide(List.of(one), anonymous, T0).admitted()).isTrue();
        assertThat(limiter.decide(List.of(one), anonymous, T0).admitted()).isFalse();
        RequestKeys anonymousElsewhere = new RequestKeys("198.51.100.8", null, null, "/a", null);
        assertThat(limiter.decide(List.of(one), anonymousElsewhere, T0).admitted()).isTrue();
        RequestKeys sneaky = new RequestKeys("203.0.113.1", null, "198.51.100.7", "/a", null);
        assertThat(limiter.decide(List.of(one), sneaky, T0).admitted()).isTrue();
    }

    @Test
    void headerKeysAreCaseInsensitiveAndNeverKeptInClear() {
        LimitSpec perTenant = LimitSpec.of("per-tenant", List.of("header:X-Tenant", "route"), 1, Duration.ofMinutes(1),
                null);
        Map<String, String> headers = Map.of("x-tenant", "secret-tenant-token");
        RequestKeys request = new RequestKeys("1.1.1.1", null, null, "/orders", headers::get);
        assertThat(limiter.decide(List.of(perTenant), request, T0).admitted()).isTrue();
        RateLimitDecision refused = limiter.decide(List.of(perTenant), request, T0);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.rejectedBucketKey()).doesNotContain("secret-tenant-token").contains("/orders");
        RequestKeys otherRoute = new RequestKeys("1.1.1.1", null, null, "/users", headers::get);
        assertThat(limiter.decide(List.of(perTenant), otherRoute, T0).admitted()).isTrue();
    }

    @Test
    void valuesCannotBeCraftedToSpellAnotherKey() {
        LimitSpec pair = LimitSpec.of("pair", List.of("subject", "route"), 1, Duration.ofMinutes(1), null);
        RequestKeys victim = new RequestKeys("1.1.1.1", null, "a", "b|R1:c", null);
        RequestKeys attacker = new RequestKeys("1.1.1.1", null, "a|R6:b|R1:c", "", null);
        limiter.decide(List.of(pair), attacker, T0);
        assertThat(limiter.decide(List.of(pair), victim, T0).admitted()).isTrue();
    }

    @Test
    void noLimitsAdmitsWithoutHeaders() {
        RateLimitDecision decision = limiter.decide(List.of(), RequestKeys.ofIp("1.1.1.1", "/"), T0);
        assertThat(decision.admitted()).isTrue();
        assertThat(decision.policyHeader()).isNull();
        assertThat(decision.statusHeader()).isNull();
        assertThat(decision.retryAfterHeader()).isNull();
    }

    @Test
    void reloadedLimitKeepsTheClientsTokens() {
        RequestKeys client = RequestKeys.ofIp("198.51.100.7", "/a");
        for (int i = 0; i < 5; i++) {
            limiter.decide(List.of(PER_IP), client, T0);
        }
        LimitSpec raised = LimitSpec.of("per-ip", List.of("ip"), 10, Duration.ofMinutes(1), null);
        RateLimitDecision afterReload = limiter.decide(List.of(raised), client, T0);
        assertThat(afterReload.admitted()).isFalse();
        assertThat(afterReload.policyHeader()).isEqualTo("\"per-ip\";q=10;w=60");
        assertThat(limiter.decide(List.of(raised), client, T0 + 6 * SECOND).admitted()).isTrue();
    }

    @Test
    void clockReadingsOutOfOrderNeitherFailNorMintTokens() {
        RequestKeys client = RequestKeys.ofIp("198.51.100.7", "/a");
        for (int i = 0; i < 5; i++) {
            limiter.decide(List.of(PER_IP), client, T0 + SECOND);
        }
        assertThat(limiter.decide(List.of(PER_IP), client, T0).admitted()).isFalse();
        assertThat(limiter.decide(List.of(PER_IP), client, T0 + SECOND).admitted()).isFalse();
    }

    @Test
    void concurrentRequestsAreAdmittedExactlyUpToTheLimit() throws Exception {
        LimitSpec hundred = LimitSpec.of("hundred", List.of("ip"), 100, Duration.ofHours(1), null);
        LimitSpec wide = LimitSpec.of("wide", List.of("route"), 1_000_000, Duration.ofHours(1), null);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Integer> worker = () -> {
                    start.await();
                    int admitted = 0;
                    for (int i = 0; i < 1_000; i++) {
                        RequestKeys keys = RequestKeys.ofIp("198.51.100.7", "/r");
                        admitted += limiter.decide(List.of(wide, hundred), keys, T0).admitted() ? 1 : 0;
                    }
                    return admitted;
                };
                results.add(pool.submit(worker));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get();
            }
            assertThat(total).isEqualTo(100);
            // The refused 3,900 did not touch the route-wide limit.
            RateLimitDecision probe = limiter.decide(List.of(wide), RequestKeys.ofIp("x", "/r"), T0);
            assertThat(probe.statuses().get(0).remaining()).isEqualTo(999_899L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void enforceAnswersTheSharedAdmissionUntilTheBucketIsEmptyThenTheFullRefusal() {
        RequestKeys client = RequestKeys.ofIp("198.51.100.7", "/a");
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.enforce(List.of(PER_IP), client, T0)).isSameAs(RateLimitDecision.ADMITTED);
        }
        RateLimitDecision refused = limiter.enforce(List.of(PER_IP), client, T0);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.rejectedBy()).isSameAs(PER_IP);
        assertThat(refused.retryAfterHeader()).isEqualTo("12");
        assertThat(refused.policyHeader()).isEqualTo("\"per-ip\";q=5;w=60");
        assertThat(refused.statusHeader()).isEqualTo("\"per-ip\";r=0;t=60");
    }

    @Test
    void enforceWithTwoLimitsCountsBothOrNeither() {
        RequestKeys alice = new RequestKeys("198.51.100.7", null, "alice", "/a", null);
        List<LimitSpec> both = List.of(PER_IP, PER_CALLER);
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.enforce(both, alice, T0)).isSameAs(RateLimitDecision.ADMITTED);
        }

        RateLimitDecision refused = limiter.enforce(both, alice, T0);

        assertThat(refused.rejectedBy()).isSameAs(PER_CALLER);
        assertThat(refused.statuses()).extracting(LimitStatus::remaining).containsExactly(1L, 0L);
        // the refusal took nothing from per-ip: its last token is still there
        assertThat(limiter.decide(List.of(PER_IP), alice, T0).statuses().get(0).remaining()).isZero();
        assertThat(limiter.decide(List.of(PER_IP), alice, T0).admitted()).isFalse();
    }

    @Test
    void enforceAndDecideDrawFromTheSameBuckets() {
        RequestKeys client = RequestKeys.ofIp("198.51.100.7", "/a");
        limiter.enforce(List.of(PER_IP), client, T0);
        limiter.enforce(List.of(PER_IP, PER_IP), client, T0);

        assertThat(limiter.decide(List.of(PER_IP), client, T0).statuses().get(0).remaining()).isEqualTo(2);
    }

    @Test
    void enforceByIpDrawsFromTheBucketOfTheSameAddressAndRefusesLikeDecide() {
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.enforceByIp(List.of(PER_IP), "198.51.100.7", T0)).isSameAs(RateLimitDecision.ADMITTED);
        }
        assertThat(limiter.decide(List.of(PER_IP), RequestKeys.ofIp("198.51.100.7", "/a"), T0).admitted()).isTrue();

        RateLimitDecision refused = limiter.enforceByIp(List.of(PER_IP), "198.51.100.7", T0);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfterHeader()).isEqualTo("12");
        assertThat(refused.rejectedBucketKey()).isEqualTo("6:per-ip|I12:198.51.100.7");
        assertThat(limiter.enforceByIp(List.of(PER_IP), "198.51.100.8", T0)).as("another address")
                .isSameAs(RateLimitDecision.ADMITTED);
    }

    @Test
    void enforceByIpRefusesALimitThatReadsMoreThanTheAddress() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> limiter.enforceByIp(List.of(PER_CALLER), "198.51.100.7", T0))
                .withMessageContaining("per-caller");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> limiter.enforceByIp(List.of(PER_IP, PER_CALLER), "198.51.100.7", T0));
        assertThat(limiter.decide(List.of(PER_IP), RequestKeys.ofIp("198.51.100.7", "/a"), T0)
                .statuses().get(0).remaining()).as("nothing was counted").isEqualTo(4);
    }
}
