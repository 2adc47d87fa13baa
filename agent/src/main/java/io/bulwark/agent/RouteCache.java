package io.bulwark.agent;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The route of recently seen raw paths, so a request for a path seen before skips normalisation and matching (the
 * normaliser allocates its segments and joined path on every call). Direct-mapped and fixed in size: a new path
 * replaces whatever shared its slot, so a client spraying paths costs misses, never heap. Long paths are not kept.
 * One per {@link ActivePolicy}: a reload starts empty, so no answer outlives the routes it came from.
 */
final class RouteCache {

    /** Paths longer than this are looked up every time: they are rare in real traffic and would bloat the slots. */
    static final int MAX_PATH_CHARS = 256;
    private static final int SLOTS = 1024;

    /** What the lookup found: a route (maybe the no-match plan), or why the path is refused (then match is null). */
    record Lookup(String method, String rawPath, ActivePolicy.RouteMatch match, String rejection) {
    }

    private final AtomicReferenceArray<Lookup> slots = new AtomicReferenceArray<>(SLOTS);

    /** The cached lookup of {@code method rawPath}, or null. */
    Lookup get(String method, String rawPath) {
        Lookup hit = slots.get(slot(method, rawPath));
        return hit != null && hit.rawPath().equals(rawPath) && hit.method().equals(method) ? hit : null;
    }

    void put(Lookup lookup) {
        if (lookup.rawPath().length() <= MAX_PATH_CHARS) {
            slots.set(slot(lookup.method(), lookup.rawPath()), lookup);
        }
    }

    private static int slot(String method, String rawPath) {
        int h = rawPath.hashCode() * 31 + method.hashCode();
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
