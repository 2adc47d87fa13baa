package io.bulwark.policies.injection;

/**
 * Which character pairs occur in a sink text, as a 2048-bit set built in one pass. An input with a pair the text
 * lacks cannot occur in it, so most inputs are ruled out with a few bit tests instead of a full search; that
 * keeps a check of 20 inputs against a typical query well under a microsecond. A set bit may be a hash
 * collision, so a positive answer only means "search".
 */
final class SinkSketch {
    private static final int BITS = 2048;
    private static final int MASK = BITS - 1;
    /** Pairs tested per input: first, last and two in between. */
    private static final int PROBES = 4;

    private final long[] pairs = new long[BITS / 64];

    SinkSketch(String text, WorkCounter work) {
        int n = text.length();
        char previous = n > 0 ? text.charAt(0) : 0;
        for (int i = 1; i < n; i++) {
            char c = text.charAt(i);
            int h = hash(previous, c);
            pairs[h >>> 6] |= 1L << h;
            previous = c;
        }
        if (work != null) {
            work.scanned(n);
        }
    }

    /** Cheap on purpose: it runs once per sink character. Case differs in bit 5, so it must reach the index. */
    private static int hash(char a, char b) {
        return ((a << 6) ^ b ^ (a >>> 5)) & MASK;
    }

    boolean mayContain(String input) {
        int m = input.length();
        if (m == 1) {
            return true; // a one-character search is as cheap as any sketch of it
        }
        int pairsInInput = m - 1;
        int probes = Math.min(PROBES, pairsInInput);
        for (int p = 0; p < probes; p++) {
            int i = probes == 1 ? 0 : (int) ((long) p * (pairsInInput - 1) / (probes - 1));
            int h = hash(input.charAt(i), input.charAt(i + 1));
            if ((pairs[h >>> 6] & (1L << h)) == 0) {
                return false;
            }
        }
        return true;
    }
}
