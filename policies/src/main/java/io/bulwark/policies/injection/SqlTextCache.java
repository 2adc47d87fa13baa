package io.bulwark.policies.injection;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The SQL texts checked lately, with their sketch and, once an input occurred in one, its structure: an app runs
 * the same statement text over and over (prepared statements, an ORM's queries, a popular search, a polled page),
 * and sketching and lexing are most of what a sink costs.
 *
 * <p>Bounded whatever the traffic: a fixed number of direct-mapped slots, each holding one text of at most
 * {@link #MAX_TEXT_CHARS} characters; a new text simply takes its slot. The slot comes from the length and a few
 * sampled characters (constant work, where {@code String.hashCode} reads a new string whole); equality of the
 * whole text and the dialect decides a hit, so a colliding text only costs a sketch or a lexing, never another
 * text's structure. Readers take no lock: a slot is one volatile reference.
 *
 * <p>Worst case, every slot holds a 2048-character text of one-character tokens lexed under both backslash
 * readings: about 60 KB a slot, under 4 MB in all. A typical statement's entry is under 2 KB. The texts kept are
 * statements the app ran during requests, so they may carry request data until another text takes their slot.
 */
final class SqlTextCache {
    static final int SLOTS = 64;
    /** Longer texts are sketched and lexed every time: caching them would let a few requests pin megabytes. */
    static final int MAX_TEXT_CHARS = 2048;
    private static final int SAMPLES = 8;

    private final AtomicReferenceArray<SqlText> slots = new AtomicReferenceArray<>(SLOTS);

    /** The cached {@code sql} under {@code dialect}, or a new one (kept, unless the text is too long to keep). */
    SqlText of(String sql, SqlDialect dialect) {
        if (sql.isEmpty() || sql.length() > MAX_TEXT_CHARS) {
            return new SqlText(sql, dialect, null);
        }
        int slot = slot(sql, dialect);
        SqlText cached = slots.get(slot);
        if (cached != null && cached.dialect == dialect && (cached.sql == sql || cached.sql.equals(sql))) {
            return cached;
        }
        SqlText text = new SqlText(sql, dialect, null);
        slots.set(slot, text);
        return text;
    }

    static int slot(String sql, SqlDialect dialect) {
        int n = sql.length();
        int h = n * 31 + dialect.ordinal();
        for (int i = 0; i < SAMPLES; i++) {
            h = h * 31 + sql.charAt((int) ((long) i * (n - 1) / (SAMPLES - 1)));
        }
        h *= 0x9E3779B9;
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
