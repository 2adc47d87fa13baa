package io.bulwark.policies.ratelimit;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The bucket keys of recently seen clients, so that a client's next request finds its key instead of concatenating
 * it again: the key of a one-part limit is a function of the limit and one short value (an address, a subject), and
 * the same client asks again and again. Direct-mapped and fixed in size like the token and route caches: a new value
 * replaces whatever shared its slot, so a client spraying addresses costs misses, never heap. Limits of several parts,
 * header parts and absent values (which fall back to the address) are built every time.
 */
final class BucketKeyMemo {

    private static final int SLOTS = 1024;

    private record Entry(LimitSpec spec, String value, String key) {
    }

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    String keyOf(LimitSpec spec, RequestKeys request) {
        String value = BucketKeys.plainValue(spec, request);
        return value == null ? BucketKeys.of(spec, request) : lookup(spec, value, request);
    }

    /** {@link #keyOf} for a limit keyed by the client IP alone, with no {@link RequestKeys} unless the key is new. */
    String ipKeyOf(LimitSpec spec, String ip) {
        if (spec.keyParts().size() != 1 || !spec.keyedByIpOnly() || ip == null || ip.isEmpty()
                || ip.length() > BucketKeys.MAX_PLAIN_VALUE) {
            return BucketKeys.of(spec, RequestKeys.ofIp(ip, null));
        }
        return lookup(spec, ip, null);
    }

    /** @param request what to build the key from on a miss; null: the client IP {@code value} alone */
    private String lookup(LimitSpec spec, String value, RequestKeys request) {
        int h = value.hashCode() * 31 + spec.bucketKeyPrefix().hashCode();
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry entry = slots.get(slot);
        // The spec by identity: a reloaded policy's limits are new objects, so no key outlives its limit's definition.
        if (entry != null && entry.spec() == spec && entry.value().equals(value)) {
            return entry.key();
        }
        String key = BucketKeys.of(spec, request != null ? request : RequestKeys.ofIp(value, null));
        slots.set(slot, new Entry(spec, value, key));
        return key;
    }
}
