package io.bulwark.policies.auth;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed credentials per key and blocks a key that reaches {@code maxFailures} within one window. In memory,
 * for one JVM; {@link SharedBruteForce} shares counts and blocks through Redis and falls back to this guard.
 *
 * <p>{@link #blockedFor} runs on every request, so it is a lock-free map read. Memory is bounded by
 * {@code maxTracked}: when the map outgrows it, entries with nothing to remember are dropped first, then unblocked
 * counters, and blocked entries last. A sweep frees a tenth of the room, so its cost is amortised to a constant per
 * recorded failure.
 */
public final class BruteForceGuard implements BruteForce {

    private record Entry(long windowStart, int failures, long blockedUntil) {
    }

    private final int maxFailures;
    private final long windowMillis;
    private final long blockMillis;
    private final int maxTracked;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public BruteForceGuard(BruteForceSettings settings) {
        this.maxFailures = settings.maxFailures();
        this.windowMillis = settings.per().toMillis();
        this.blockMillis = settings.blockFor().toMillis();
        this.maxTracked = settings.maxTracked();
    }

    @Override
    public boolean recordFailure(String key, long nowMillis) {
        boolean[] started = {false};
        entries.compute(key, (k, entry) -> {
            if (entry != null && entry.blockedUntil() > nowMillis) {
                return entry;
            }
            if (entry == null || nowMillis - entry.windowStart() >= windowMillis) {
                entry = new Entry(nowMillis, 0, 0);
            }
            int failures = entry.failures() + 1;
            if (failures >= maxFailures) {
                started[0] = true;
                return new Entry(nowMillis, 0, nowMillis + blockMillis);
            }
            return new Entry(entry.windowStart(), failures, 0);
        });
        if (entries.size() > maxTracked) {
            sweep(nowMillis);
        }
        return started[0];
    }

    @Override
    public Duration blockedFor(String key, long nowMillis) {
        Entry entry = entries.get(key);
        if (entry == null || entry.blockedUntil() <= nowMillis) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(entry.blockedUntil() - nowMillis);
    }

    /** How many keys are tracked now; for tests and metrics. */
    public int tracked() {
        return entries.size();
    }

    private synchronized void sweep(long nowMillis) {
        int target = maxTracked - Math.max(1, maxTracked / 10);
        if (entries.size() <= target) {
            return;
        }
        entries.values().removeIf(e -> e.blockedUntil() <= nowMillis && nowMillis - e.windowStart() >= windowMillis);
        dropWhileOver(target, false, nowMillis);
        dropWhileOver(target, true, nowMillis);
    }

    private void dropWhileOver(int target, boolean includeBlocked, long nowMillis) {
        Iterator<Entry> it = entries.values().iterator();
        while (entries.size() > target && it.hasNext()) {
            Entry entry = it.next();
            if (includeBlocked || entry.blockedUntil() <= nowMillis) {
                it.remove();
            }
        }
    }
}
