package io.bulwark.policies.injection.fuzz;

import io.bulwark.policies.injection.ShellSyntax;
import io.bulwark.policies.injection.SqlDialect;

/**
 * The linear-work budgets the fuzz targets hold the engine to: reads per character of text, counted by
 * WorkCounter. Each constant is the worst case the code allows by design, so exceeding one is a real finding.
 */
final class WorkBounds {
    /** Plain lexing: a character is read by its token's loop plus a few look-aheads. */
    static final int LEX_PER_CHAR = 8;
    /** A {@code $} inside a dollar-quoted string may compare up to the 64-character tag and its closing dollar. */
    static final int DOLLAR_TAG_COMPARE = 66;
    /** A {@code {} may look ahead 256 characters for a brace expansion; cmd's {@code %} as far for a name. */
    static final int SHELL_LOOKAHEAD = 257;
    /** A short input is found with indexOf; overlapping occurrences each count its length (at most 64). */
    static final int MATCH_PER_CHAR = 65;
    /** Knuth-Morris-Pratt reads each character once plus at most one fallback per earlier match step. */
    static final int KMP_PER_CHAR = 2;
    /** Tiny texts pay a few fixed look-aheads whatever their length. */
    static final int SLACK = 8;

    private WorkBounds() {
    }

    static long sqlLexing(SqlDialect dialect, int length) {
        int perChar = LEX_PER_CHAR + (dialect == SqlDialect.POSTGRESQL || dialect == SqlDialect.H2
                ? DOLLAR_TAG_COMPARE : 0);
        return (long) perChar * length + SLACK;
    }

    static long shellLexing(ShellSyntax syntax, int length) {
        int perChar = LEX_PER_CHAR + (syntax == ShellSyntax.POWERSHELL ? 0 : SHELL_LOOKAHEAD);
        return (long) perChar * length + SLACK;
    }

    static void assertAtMost(long work, long budget, String what) {
        if (work > budget) {
            throw new AssertionError(what + ": " + work + " exceeds the linear budget " + budget);
        }
    }
}
