package io.bulwark.agent.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts occurrences per key with a fixed ceiling on memory: the first {@code maxKeys} distinct keys are counted
 * exactly; once that many are held, occurrences of any new key are added to {@link #folded()} instead. An attacker
 * spraying source addresses or random paths therefore grows one number, not the heap. Keys are capped in length
 * for the same reason (the cut is marked with an ellipsis).
 */
final class CappedCounter {

    /** One key and its count. */
    record Count(String key, long count) {
    }

    private static final Comparator<Count> BY_COUNT_THEN_KEY =
            Comparator.comparingLong(Count::count).reversed().thenComparing(Count::key);

    private final int maxKeys;
    private final int maxKeyChars;
    private final Map<String, long[]> counts = new HashMap<>();
    private long folded;
    private long total;

    CappedCounter(int maxKeys, int maxKeyChars) {
        this.maxKeys = maxKeys;
        this.maxKeyChars = maxKeyChars;
    }

    void add(String key, long n) {
        total += n;
        String kept = key.length() > maxKeyChars ? key.substring(0, maxKeyChars - 1) + "\u2026" : key;
        long[] count = counts.get(kept);
        if (count != null) {
            count[0] += n;
        } else if (counts.size() < maxKeys) {
            counts.put(kept, new long[] {n});
        } else {
            folded += n;
        }
    }

    /** The {@code n} largest counts, largest first, ties by key so that the output is the same on every run. */
    List<Count> top(int n) {
        List<Count> all = new ArrayList<>(counts.size());
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            all.add(new Count(e.getKey(), e.getValue()[0]));
        }
        all.sort(BY_COUNT_THEN_KEY);
        return all.size() > n ? List.copyOf(all.subList(0, n)) : all;
    }

    /** The count of {@code key} if it was admitted, else 0. */
    long count(String key) {
        long[] count = counts.get(key);
        return count == null ? 0 : count[0];
    }

    /** Occurrences of keys that arrived after the ceiling was reached. */
    long folded() {
        return folded;
    }

    long total() {
        return total;
    }

    /** Distinct keys counted exactly. */
    int distinct() {
        return counts.size();
    }

    boolean isFull() {
        return counts.size() >= maxKeys;
    }
}
