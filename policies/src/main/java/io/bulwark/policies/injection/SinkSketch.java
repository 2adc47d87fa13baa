package io.bulwark.policies.injection;

/**
 * Which character pairs occur in a sink text, as a set of 256 to 2048 bits built in one pass. An input with a pair the text
 * lacks cannot occur in it, so most inputs are ruled out with a few bit tests instead of a full search; that
 * keeps a check of 20 inputs against a typical query well under a microsecond. A set bit may be a hash
 * collision, so a positive answer only means "search".
 */
final class SinkSketch {
    /**
     * At least four bits per text character (rounded up to a power of two), so up to 512 characters at most about
     * a fifth of the bits are set: four probes then rarely pass a foreign input, and a short statement's
     * sketch is a small array rather than the largest one.
     */
    private static final int BITS_PER_CHAR = 4;
    private static final int MIN_BITS = 256;
    private static final int MAX_BITS = 2048;
    /** Pairs tested per input: first, last and two in between. */
    private static final int PROBES = 4;

    private final long[] pairs;
    private final int mask;

    SinkSketch(String text, WorkCounter work) {
        int n = text.length();
        int wanted = Math.min(n, MAX_BITS) * BITS_PER_CHAR;
        int bits = Math.max(MIN_BITS, Math.min(MAX_BITS, Integer.highestOneBit(Math.max(1, wanted - 1)) << 1));
        long[] set = new long[bits >>> 6];
        int m = bits - 1;
        char previous = n > 0 ? text.charAt(0) : 0;
        for (int i = 1; i < n; i++) {
            char c = text.charAt(i);
            int h = hash(previous, c) & m;
            set[h >>> 6] |= 1L << h;
            previous = c;
        }
        this.pairs = set;
        this.mask = m;
        if (work != null) {
            work.scanned(n);
        }
    }

    /** Cheap on purpose: it runs once per sink character. Case differs in bit 5, so it must reach the index. */
    private static int hash(char a, char b) {
        return (a << 6) ^ b ^ (a >>> 5);
    }

    boolean mayContain(String input) {
        int m = input.length();
        if (m == 1) {
            return true; // a one-character search is as cheap as any sketch of it
        }
        int last = m - 2;
        if (last < PROBES) {
            for (int i = 0; i <= last; i++) {
                if (!hasPairAt(input, i)) {
                    return false;
                }
            }
            return true;
        }
        // first, last and the two thirds between; dividing by a constant costs a multiplication, not a division
        return hasPairAt(input, 0) && hasPairAt(input, last) && hasPairAt(input, last / 3)
                && hasPairAt(input, 2 * last / 3);
    }

    private boolean hasPairAt(String input, int i) {
        int h = hash(input.charAt(i), input.charAt(i + 1)) & mask;
        return (pairs[h >>> 6] & (1L << h)) != 0;
    }
}
