package io.bulwark.policies.auth;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fixed-size, direct-mapped cache from a token to an outcome. Bounded by construction: {@code capacity} slots, each
 * holding at most one entry; a new entry simply replaces the one in its slot. No locks, no eviction lists.
 *
 * <p>The slot is chosen from the last characters of the token, which lie in its signature segment: signatures are
 * unpredictable, so these few characters spread tokens as well as a hash of the whole token would, for a fraction
 * of the cost. A hit is confirmed by comparing the whole token ({@link String#equals} is a vectorised compare), so
 * two tokens that share a slot can never be mistaken for each other. Entries carry their own expiry and the key
 * snapshot they were decided under.
 */
final class TokenCache<V> {

    /** How many trailing characters choose the slot. */
    private static final int SLOT_CHARS = 24;

    private record Entry<V>(String token, V value, long expiresAt, Object keys) {
    }

    private final AtomicReferenceArray<Entry<V>> slots;
    private final int mask;

    /** @param capacity rounded up to a power of two; 0 disables the cache */
    TokenCache(int capacity) {
        int size = capacity <= 0 ? 0 : Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    /** @return the cached value, or null when absent, expired or decided under other keys */
    V get(String token, long nowMillis, Object keys) {
        if (mask < 0) {
            return null;
        }
        Entry<V> entry = slots.get(slot(token));
        if (entry == null || nowMillis >= entry.expiresAt() || entry.keys() != keys || !entry.token().equals(token)) {
            return null;
        }
        return entry.value();
    }

    void put(String token, V value, long expiresAt, Object keys) {
        if (mask >= 0) {
            slots.set(slot(token), new Entry<>(token, value, expiresAt, keys));
        }
    }

    private int slot(String token) {
        int h = 0;
        for (int i = Math.max(0, token.length() - SLOT_CHARS); i < token.length(); i++) {
            h = 31 * h + token.charAt(i);
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h & mask;
    }
}
