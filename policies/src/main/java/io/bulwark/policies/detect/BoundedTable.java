package io.bulwark.policies.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps at most {@code capacity} entries, forgetting the least recently used first. Keys come from
 * clients (addresses) and cannot be trusted to stay few; forgetting an idle client only resets its counters.
 * Not thread-safe: the detectors that own one lock around it.
 */
final class BoundedTable<K, V> extends LinkedHashMap<K, V> {

    private final int capacity;

    BoundedTable(int capacity) {
        super(Math.min(capacity, 1024) * 4 / 3 + 1, 0.75f, true);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
