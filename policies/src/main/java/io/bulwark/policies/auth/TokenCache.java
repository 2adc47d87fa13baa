package io.bulwark.policies.auth;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fixed-size, direct-mapped cache from a token to an outcome. Bounded by construction: {@code capacity} slots, each
 * holding at most one entry; a new entry simply replaces the one in its slot. No locks, no eviction lists.
 *
 * <p>A token is looked up where it lies, as a region of a longer text (the whole {@code Authorization} header), so a
 * hit costs no copy of the token. An entry keeps the text it was stored from with the token's region in it: the
 * next request's header is a different string with the same characters, and {@link String#equals} (a vectorised
 * compare) confirms that in one call. A token that arrives in another text (another scheme spelling, a bare token) is
 * confirmed with a region compare instead. Either way the whole token is compared before a hit is answered, so two
 * tokens that share a slot can never be mistaken for each other.
 *
 * <p>The slot is chosen from the last characters of the token, which lie in its signature segment: signatures are
 * unpredictable, so these few characters spread tokens as well as a hash of the whole token would, for a fraction
 * of the cost. Entries carry their own expiry and the key snapshot they were decided under.
 */
final class TokenCache<V> {

    /**
     * How many trailing characters choose the slot: eight base64url characters carry 48 bits of signature, far more
     * than any slot index needs, and every character hashed is paid for on every request.
     */
    private static final int SLOT_CHARS = 8;
    /**
     * How much text around the token an entry may keep ({@code Bearer } and a little whitespace); a header padded with
     * more is stored as the token alone, so a slot never holds more than the token's length and this.
     */
    private static final int MAX_SURROUNDING_CHARS = 16;

    /** {@code text.substring(from, to)} is the token the value was decided for. */
    private record Entry<V>(String text, int from, int to, V value, long expiresAt, Object keys) {

        boolean holds(String otherText, int otherFrom, int otherTo) {
            int length = to - from;
            if (otherTo - otherFrom != length) {
                return false;
            }
            if (from == otherFrom && to == otherTo && text.length() == otherText.length() && text.equals(otherText)) {
                return true;
            }
            return text.regionMatches(from, otherText, otherFrom, length);
        }
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
        return get(token, 0, token.length(), nowMillis, keys);
    }

    /** The value for the token {@code text.substring(from, to)}, without making that substring. */
    V get(String text, int from, int to, long nowMillis, Object keys) {
        if (mask < 0) {
            return null;
        }
        Entry<V> entry = slots.get(slot(text, from, to));
        if (entry == null || nowMillis >= entry.expiresAt() || entry.keys() != keys || !entry.holds(text, from, to)) {
            return null;
        }
        return entry.value();
    }

    void put(String token, V value, long expiresAt, Object keys) {
        put(token, 0, token.length(), value, expiresAt, keys);
    }

    /**
     * Remembers the token {@code text.substring(from, to)}. The entry keeps {@code text} itself: the longer string
     * costs a few bytes per slot and buys the one-call {@code equals} on the next request's identical header.
     */
    void put(String text, int from, int to, V value, long expiresAt, Object keys) {
        if (mask >= 0) {
            if (text.length() - (to - from) > MAX_SURROUNDING_CHARS) {
                text = text.substring(from, to);
                to -= from;
                from = 0;
            }
            slots.set(slot(text, from, to), new Entry<>(text, from, to, value, expiresAt, keys));
        }
    }

    private int slot(String text, int from, int to) {
        int h = 0;
        for (int i = Math.max(from, to - SLOT_CHARS); i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h & mask;
    }
}
