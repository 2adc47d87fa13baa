package io.bulwark.policies.ratelimit;

import io.bulwark.policies.ratelimit.StoreVerdict.BucketReading;
import io.github.bucket4j.BucketState;
import io.github.bucket4j.MathType;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Buckets in this JVM: Bucket4j bucket states in a bounded map, so a client spraying a million keys costs at most
 * {@code maxBuckets} buckets of heap.
 *
 * <p>The map is split into stripes, each a hash map with a least-recently-used order under its own lock. Every access
 * drops its stripe's least recently used bucket if that bucket has been idle for its full refill time: such a bucket is
 * full again, so forgetting it changes no decision. When a stripe is full and its least recently used bucket is still
 * refilling, that bucket is dropped all the same and {@link #hotEvictions()} counts it. The alternative, refusing new
 * keys, would let one client lock every newcomer out; dropping a hot bucket only hands its (rarely active, since least
 * recently used) owner a fresh one. A rising count says the cap is too small for the traffic.
 *
 * <p>State is updated through Bucket4j's {@link BucketState} with the caller's clock, rather than through a
 * {@code LocalBucket} with its own time meter: the decision stays a function of its arguments, and several limits of
 * one request can be checked and then all consumed, or none, under their stripes' locks.
 */
public final class LocalStore implements RateLimitStore {

    /** About 20 MB at the measured ~200 bytes per bucket. */
    public static final int DEFAULT_MAX_BUCKETS = 100_000;

    private static final int MAX_STRIPES = 64;
    private static final int MIN_BUCKETS_PER_STRIPE = 16;

    private final Stripe[] stripes;
    private final LongAdder hotEvictions = new LongAdder();

    public LocalStore() {
        this(DEFAULT_MAX_BUCKETS);
    }

    /** @param maxBuckets at least 16; the store never holds more buckets than this */
    public LocalStore(int maxBuckets) {
        if (maxBuckets < MIN_BUCKETS_PER_STRIPE) {
            throw new IllegalArgumentException("maxBuckets must be at least " + MIN_BUCKETS_PER_STRIPE);
        }
        int count = Math.min(MAX_STRIPES, Integer.highestOneBit(maxBuckets / MIN_BUCKETS_PER_STRIPE));
        stripes = new Stripe[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new Stripe(maxBuckets / count);
        }
    }

    @Override
    public StoreVerdict tryConsume(List<LimitSpec> limits, List<String> keys, long nowNanos) {
        if (limits.size() == 1) {
            return tryConsumeOne(limits.get(0), keys.get(0), nowNanos, true);
        }
        return tryConsumeAll(limits, keys, nowNanos, true);
    }

    @Override
    public StoreVerdict tryConsumeOrExplain(List<LimitSpec> limits, List<String> keys, long nowNanos) {
        if (limits.size() == 1) {
            return tryConsumeOne(limits.get(0), keys.get(0), nowNanos, false);
        }
        return tryConsumeAll(limits, keys, nowNanos, false);
    }

    @Override
    public StoreVerdict tryConsumeOrExplain(LimitSpec limit, String key, long nowNanos) {
        return tryConsumeOne(limit, key, nowNanos, false);
    }

    /** @param readAdmitted whether an admitted request gets its readings; without, it gets null */
    private StoreVerdict tryConsumeAll(List<LimitSpec> limits, List<String> keys, long nowNanos,
                                       boolean readAdmitted) {
        int n = limits.size();
        int[] order = lockOrder(keys);
        for (int index : order) {
            stripes[index].lock.lock();
        }
        try {
            Bucket[] buckets = new Bucket[n];
            boolean admitted = true;
            for (int i = 0; i < n; i++) {
                Bucket bucket = stripeOf(keys.get(i)).bucketFor(keys.get(i), limits.get(i), nowNanos, hotEvictions);
                bucket.refill(nowNanos);
                admitted &= bucket.state.getAvailableTokens() >= 1;
                buckets[i] = bucket;
            }
            if (admitted) {
                for (Bucket bucket : buckets) {
                    bucket.state.consume(1);
                }
                if (!readAdmitted) {
                    return null;
                }
            }
            BucketReading[] readings = new BucketReading[n];
            for (int i = 0; i < n; i++) {
                readings[i] = buckets[i].read();
            }
            return new StoreVerdict(admitted, Arrays.asList(readings), false);
        } finally {
            for (int i = order.length - 1; i >= 0; i--) {
                stripes[order[i]].lock.unlock();
            }
        }
    }

    /** One limit, the common case on every request: one stripe to lock, so no lock order and no arrays. */
    private StoreVerdict tryConsumeOne(LimitSpec limit, String key, long nowNanos, boolean readAdmitted) {
        Stripe stripe = stripeOf(key);
        stripe.lock.lock();
        try {
            Bucket bucket = stripe.bucketFor(key, limit, nowNanos, hotEvictions);
            bucket.refill(nowNanos);
            boolean admitted = bucket.state.getAvailableTokens() >= 1;
            if (admitted) {
                bucket.state.consume(1);
                if (!readAdmitted) {
                    return null;
                }
            }
            return new StoreVerdict(admitted, List.of(bucket.read()), false);
        } finally {
            stripe.lock.unlock();
        }
    }

    /** Buckets held now. */
    public int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            stripe.lock.lock();
            try {
                size += stripe.buckets.size();
            } finally {
                stripe.lock.unlock();
            }
        }
        return size;
    }

    /** Buckets dropped while still refilling because the store was full. */
    public long hotEvictions() {
        return hotEvictions.sum();
    }

    private Stripe stripeOf(String key) {
        return stripes[stripeIndex(key)];
    }

    private int stripeIndex(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (stripes.length - 1);
    }

    /** Distinct stripe indices in ascending order, so two requests locking the same stripes cannot deadlock. */
    private int[] lockOrder(List<String> keys) {
        int[] indices = new int[keys.size()];
        int count = 0;
        for (String key : keys) {
            int index = stripeIndex(key);
            int at = count;
            while (at > 0 && indices[at - 1] > index) {
                at--;
            }
            if (at > 0 && indices[at - 1] == index) {
                continue;
            }
            System.arraycopy(indices, at, indices, at + 1, count - at);
            indices[at] = index;
            count++;
        }
        return count == indices.length ? indices : Arrays.copyOf(indices, count);
    }

    /**
     * One lock's share of the buckets: a hash map for lookup and a list through the buckets themselves from least to
     * most recently used. The list is ours rather than an access-ordered {@code LinkedHashMap}'s because looking at
     * the eldest entry of one takes an iterator, an allocation on every request; here it is a field.
     */
    private static final class Stripe {
        final ReentrantLock lock = new ReentrantLock();
        final HashMap<String, Bucket> buckets = new HashMap<>(64);
        final int capacity;
        /** Least recently used first; null when empty. */
        Bucket eldest;
        Bucket newest;

        Stripe(int capacity) {
            this.capacity = capacity;
        }

        Bucket bucketFor(String key, LimitSpec spec, long nowNanos, LongAdder hotEvictions) {
            if (eldest != null && eldest.isIdle(nowNanos)) {
                remove(eldest);
            }
            Bucket bucket = buckets.get(key);
            if (bucket == null) {
                if (buckets.size() >= capacity) {
                    if (!eldest.isIdle(nowNanos)) {
                        hotEvictions.increment();
                    }
                    remove(eldest);
                }
                bucket = new Bucket(key, spec, nowNanos);
                buckets.put(key, bucket);
                append(bucket);
            } else {
                if (bucket != newest) {
                    unlink(bucket);
                    append(bucket);
                }
                if (bucket.spec != spec && !bucket.spec.equals(spec)) {
                    bucket.reconfigure(spec, nowNanos);
                }
            }
            return bucket;
        }

        private void remove(Bucket bucket) {
            buckets.remove(bucket.key);
            unlink(bucket);
        }

        private void append(Bucket bucket) {
            bucket.older = newest;
            bucket.newer = null;
            if (newest == null) {
                eldest = bucket;
            } else {
                newest.newer = bucket;
            }
            newest = bucket;
        }

        private void unlink(Bucket bucket) {
            if (bucket.older == null) {
                eldest = bucket.newer;
            } else {
                bucket.older.newer = bucket.newer;
            }
            if (bucket.newer == null) {
                newest = bucket.older;
            } else {
                bucket.newer.older = bucket.older;
            }
            bucket.older = null;
            bucket.newer = null;
        }
    }

    private static final class Bucket {
        final String key;
        LimitSpec spec;
        BucketState state;
        long lastUsedNanos;
        /** Neighbours in the stripe's recency list. */
        Bucket older;
        Bucket newer;

        Bucket(String key, LimitSpec spec, long nowNanos) {
            this.key = key;
            this.spec = spec;
            this.state = BucketState.createInitialState(spec.bucketConfiguration(), MathType.INTEGER_64_BITS, nowNanos);
            this.lastUsedNanos = nowNanos;
        }

        boolean isIdle(long nowNanos) {
            return nowNanos - lastUsedNanos >= spec.fullRefillNanos();
        }

        /** Threads read the clock before they take the lock, so "now" can arrive slightly out of order. */
        void refill(long nowNanos) {
            lastUsedNanos = Math.max(lastUsedNanos, nowNanos);
            state.refillAllBandwidth(lastUsedNanos);
        }

        /** A policy reload changed this limit: keep the tokens the client has, within the new capacity. */
        void reconfigure(LimitSpec newSpec, long nowNanos) {
            state = state.replaceConfiguration(newSpec.bucketConfiguration(), TokensInheritanceStrategy.AS_IS,
                    Math.max(lastUsedNanos, nowNanos));
            spec = newSpec;
        }

        BucketReading read() {
            long remaining = state.getAvailableTokens();
            long untilToken = remaining >= 1
                    ? 0
                    : state.calculateDelayNanosAfterWillBePossibleToConsume(1, lastUsedNanos, false);
            return new BucketReading(remaining, untilToken, spec.nanosToRefill(spec.burst() - remaining));
        }
    }
}
