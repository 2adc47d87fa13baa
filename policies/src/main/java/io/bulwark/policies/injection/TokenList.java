package io.bulwark.policies.injection;

import java.util.Arrays;

/**
 * Tokens as parallel primitive arrays: a lexer over attacker-sized text should not allocate an object per token.
 * {@code kind} is the ordinal of the lexer's token type (both token enums have far fewer than 128 constants, so a
 * byte holds it at a quarter of an int's cost per token).
 */
final class TokenList {
    private static final int MIN_CAPACITY = 16;
    /** An estimate never reserves more than this: text of spaces yields no tokens however long it is. */
    private static final int MAX_PRESIZE = 1024;

    private byte[] kinds;
    private int[] starts;
    private int[] ends;
    private int size;

    TokenList() {
        this(MIN_CAPACITY);
    }

    /** Sized for about {@code expected} tokens, so a typical statement never copies its arrays while it grows. */
    TokenList(int expected) {
        int capacity = Math.max(MIN_CAPACITY, Math.min(expected, MAX_PRESIZE));
        kinds = new byte[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
    }

    void add(int kind, int start, int end) {
        if (size == kinds.length) {
            int capacity = size * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
        }
        kinds[size] = (byte) kind;
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    int size() {
        return size;
    }

    int kind(int i) {
        return kinds[i];
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    /** Index of the first token that ends after {@code pos}, or {@link #size()}; tokens are in text order. */
    int firstEndingAfter(int pos) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] > pos) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
