package io.bulwark.policies.injection;

import java.util.Arrays;

/**
 * Tokens as parallel int arrays: a lexer over attacker-sized text should not allocate an object per token.
 * {@code kind} is the ordinal of the lexer's token type; {@code flags} carries lexer-specific facts.
 */
final class TokenList {
    private int[] kinds = new int[16];
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int[] flags = new int[16];
    private int size;

    void add(int kind, int start, int end, int flag) {
        if (size == kinds.length) {
            int capacity = size * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            flags = Arrays.copyOf(flags, capacity);
        }
        kinds[size] = kind;
        starts[size] = start;
        ends[size] = end;
        flags[size] = flag;
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

    int flags(int i) {
        return flags[i];
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
