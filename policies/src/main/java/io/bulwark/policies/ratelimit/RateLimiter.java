package io.bulwark.policies.ratelimit;

import io.bulwark.policies.ratelimit.StoreVerdict.BucketReading;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides whether a request fits within all its limits. A request is counted once against each distinct limit; when
 * any limit refuses it, none is charged (see {@link RateLimitStore#tryConsume}).
 */
public final class RateLimiter {

    /** What a refusal by a failed store's {@code deny} mode tells the client to wait. */
    static final long STORE_FAILURE_RETRY_SECONDS = 1;

    private final RateLimitStore store;
    private final BucketKeyMemo memo = new BucketKeyMemo();

    public RateLimiter(RateLimitStore store) {
        this.store = store;
    }

    /** An embedded limiter holding at most {@link LocalStore#DEFAULT_MAX_BUCKETS} buckets. */
    public static RateLimiter local() {
        return new RateLimiter(new LocalStore());
    }

    public RateLimitStore store() {
        return store;
    }

    /**
     * @param limits   the limits that apply to this request (global, then route); a name listed twice counts once
     * @param keys     what the request offers to key on
     * @param nowNanos a {@link System#nanoTime()} reading
     */
    public RateLimitDecision decide(List<LimitSpec> limits, RequestKeys keys, long nowNanos) {
        if (limits.isEmpty()) {
            return RateLimitDecision.NO_LIMITS;
        }
        List<LimitSpec> distinct = distinctByName(limits);
        String[] bucketKeys = bucketKeys(distinct, keys);
        // a view, not a copy: neither the store nor the decision changes the array
        return decision(distinct, bucketKeys, store.tryConsume(distinct, Arrays.asList(bucketKeys), nowNanos));
    }

    /**
     * {@link #decide} for a caller that needs nothing from an admitted request, as at a request's entry: an admitted
     * request gets {@link RateLimitDecision#ADMITTED}, which carries no statuses and no headers, and costs no
     * allocation here for a one-part limit of a client seen recently (the embedded store's bucket work aside). A
     * refusal, or a failed store's answer, is the full decision {@link #decide} would give.
     */
    public RateLimitDecision enforce(List<LimitSpec> limits, RequestKeys keys, long nowNanos) {
        if (limits.isEmpty()) {
            return RateLimitDecision.NO_LIMITS;
        }
        List<LimitSpec> distinct = distinctByName(limits);
        if (distinct.size() == 1) {
            LimitSpec limit = distinct.get(0);
            String key = memo.keyOf(limit, keys);
            StoreVerdict verdict = store.tryConsumeOrExplain(limit, key, nowNanos);
            return verdict == null ? RateLimitDecision.ADMITTED : decision(distinct, new String[] {key}, verdict);
        }
        String[] bucketKeys = bucketKeys(distinct, keys);
        StoreVerdict verdict = store.tryConsumeOrExplain(distinct, Arrays.asList(bucketKeys), nowNanos);
        return verdict == null ? RateLimitDecision.ADMITTED : decision(distinct, bucketKeys, verdict);
    }

    /**
     * {@link #enforce} for limits keyed by the client IP alone ({@link LimitSpec#keyedByIpOnly()}), as checked before
     * authentication: the address is all such limits read, so no {@link RequestKeys} is made for them.
     *
     * @throws IllegalArgumentException when a limit reads more than the client IP
     */
    public RateLimitDecision enforceByIp(List<LimitSpec> limits, String ip, long nowNanos) {
        if (limits.size() != 1) {
            for (int i = 0; i < limits.size(); i++) {
                requireIpOnly(limits.get(i));
            }
            return enforce(limits, RequestKeys.ofIp(ip, null), nowNanos);
        }
        LimitSpec limit = requireIpOnly(limits.get(0));
        String key = memo.ipKeyOf(limit, ip);
        StoreVerdict verdict = store.tryConsumeOrExplain(limit, key, nowNanos);
        return verdict == null ? RateLimitDecision.ADMITTED : decision(limits, new String[] {key}, verdict);
    }

    private static LimitSpec requireIpOnly(LimitSpec limit) {
        if (!limit.keyedByIpOnly()) {
            throw new IllegalArgumentException("rate limit '" + limit.name() + "' is keyed on more than the client IP");
        }
        return limit;
    }

    private String[] bucketKeys(List<LimitSpec> distinct, RequestKeys keys) {
        String[] bucketKeys = new String[distinct.size()];
        for (int i = 0; i < bucketKeys.length; i++) {
            bucketKeys[i] = memo.keyOf(distinct.get(i), keys);
        }
        return bucketKeys;
    }

    private static RateLimitDecision decision(List<LimitSpec> distinct, String[] bucketKeys, StoreVerdict verdict) {
        int n = distinct.size();
        if (verdict.unavailable()) {
            return new RateLimitDecision(verdict.admitted(), null, verdict.admitted() ? null : bucketKeys[0],
                    verdict.admitted() ? 0 : STORE_FAILURE_RETRY_SECONDS, List.of(), true, distinct);
        }
        LimitStatus[] statuses = new LimitStatus[n];
        int refusing = -1;
        for (int i = 0; i < n; i++) {
            BucketReading reading = verdict.readings().get(i);
            statuses[i] = new LimitStatus(distinct.get(i), reading.remaining(), reading.nanosUntilFull());
            if (!verdict.admitted() && reading.remaining() < 1
                    && (refusing < 0 || reading.nanosUntilToken() > verdict.readings().get(refusing).nanosUntilToken())) {
                refusing = i;
            }
        }
        if (verdict.admitted()) {
            return new RateLimitDecision(true, null, null, 0, List.of(statuses), false, distinct);
        }
        if (refusing < 0) {
            throw new IllegalStateException("store refused a request with a token left in every bucket");
        }
        long retryAfter = RateLimitHeaders.retryAfterSeconds(verdict.readings().get(refusing).nanosUntilToken());
        return new RateLimitDecision(false, distinct.get(refusing), bucketKeys[refusing], retryAfter,
                List.of(statuses), false, distinct);
    }

    private static List<LimitSpec> distinctByName(List<LimitSpec> limits) {
        int n = limits.size();
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (limits.get(i).name().equals(limits.get(j).name())) {
                    List<LimitSpec> distinct = new ArrayList<>(n);
                    for (LimitSpec spec : limits) {
                        if (distinct.stream().noneMatch(seen -> seen.name().equals(spec.name()))) {
                            distinct.add(spec);
                        }
                    }
                    return distinct;
                }
            }
        }
        return limits;
    }

}
