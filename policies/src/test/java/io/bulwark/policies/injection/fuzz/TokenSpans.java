package io.bulwark.policies.injection.fuzz;

import java.util.function.IntUnaryOperator;

/**
 * Checks that a lexer's tokens tile its text: in order, non-empty, non-overlapping, inside the text, and that
 * whatever lies between them is something the lexer may skip. A character skipped by mistake is text the engine
 * never judges, so this is the property an attacker would exploit first.
 */
final class TokenSpans {
    /** Which characters between tokens a lexer may leave out. */
    interface Gap {
        /** How many characters starting at {@code i} (before {@code end}) may be skipped; 0 when none. */
        int skippable(String text, int i, int end);
    }

    private TokenSpans() {
    }

    static void assertTile(String text, int count, IntUnaryOperator start, IntUnaryOperator end, Gap gap) {
        int covered = 0;
        for (int i = 0; i < count; i++) {
            int s = start.applyAsInt(i);
            int e = end.applyAsInt(i);
            if (s < covered || s >= e || e > text.length()) {
                throw new AssertionError("token " + i + " [" + s + ", " + e + ") after " + covered + " in a text of "
                        + text.length() + " chars: tokens must be non-empty, ordered, disjoint and inside the text");
            }
            assertSkippable(text, covered, s, gap);
            covered = e;
        }
        assertSkippable(text, covered, text.length(), gap);
    }

    private static void assertSkippable(String text, int from, int to, Gap gap) {
        int i = from;
        while (i < to) {
            int n = gap.skippable(text, i, to);
            if (n <= 0) {
                throw new AssertionError("character " + i + " (U+" + Integer.toHexString(text.charAt(i))
                        + ") lies in no token and is not whitespace: the engine would never judge it");
            }
            i += n;
        }
    }
}
