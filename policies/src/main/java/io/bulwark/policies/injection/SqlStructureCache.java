package io.bulwark.policies.injection;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The structure of SQL texts lexed lately, so the same statement checked again is not lexed again: an app runs
 * the same text over and over (an ORM's statements, a popular search, a page polled), and lexing is most of what a
 * sink costs once an input occurs in it. Only texts some input occurred in are lexed, so only those are kept.
 *
 * <p>Bounded whatever the traffic: a fixed number of direct-mapped slots, each holding one text of at most
 * {@link #MAX_TEXT_CHARS} characters; a new text simply takes its slot. The slot comes from the length and a few
 * sampled characters (constant work, where {@code String.hashCode} reads a new string whole); equality of the
 * whole text decides a hit, so a colliding text only costs a lexing, never a wrong structure. Readers take no lock:
 * a slot is one volatile reference to an entry that is never changed after it is stored.
 */
final class SqlStructureCache {
    static final int SLOTS = 64;
    /** Longer texts are lexed every time: caching them would let a few requests pin megabytes. */
    static final int MAX_TEXT_CHARS = 4096;
    private static final int SAMPLES = 8;

    private record Entry(String text, SqlDialect dialect, boolean backslashEscapes, SqlStructure structure) {
    }

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    /** The structure of {@code sql} lexed under these rules, from the cache or lexed now (and then kept). */
    SqlStructure structure(String sql, SqlDialect dialect, boolean backslashEscapes) {
        if (sql.isEmpty() || sql.length() > MAX_TEXT_CHARS) {
            return lex(sql, dialect, backslashEscapes);
        }
        int slot = slot(sql, dialect, backslashEscapes);
        Entry entry = slots.get(slot);
        if (entry != null && entry.dialect() == dialect && entry.backslashEscapes() == backslashEscapes
                && (entry.text() == sql || entry.text().equals(sql))) {
            return entry.structure();
        }
        SqlStructure structure = lex(sql, dialect, backslashEscapes);
        slots.set(slot, new Entry(sql, dialect, backslashEscapes, structure));
        return structure;
    }

    private static SqlStructure lex(String sql, SqlDialect dialect, boolean backslashEscapes) {
        return new SqlStructure(SqlLexer.lex(sql, dialect, backslashEscapes, null));
    }

    static int slot(String sql, SqlDialect dialect, boolean backslashEscapes) {
        int n = sql.length();
        int h = n * 31 + dialect.ordinal() * 2 + (backslashEscapes ? 1 : 0);
        for (int i = 0; i < SAMPLES; i++) {
            h = h * 31 + sql.charAt((int) ((long) i * (n - 1) / (SAMPLES - 1)));
        }
        h *= 0x9E3779B9;
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
