package io.bulwark.policies.injection.fuzz;

import io.bulwark.policies.injection.ShellTokenType;
import io.bulwark.policies.injection.ShellTokens;
import java.util.TreeSet;

/**
 * Checks a shell finding's masked sink against the script's tokens: structure (operators, substitutions,
 * expansions, quotes) and the text between tokens are copied as they are, and every literal piece of a word is
 * {@code ?} unless it is (the start of) a program name, which the log keeps on purpose. The engine does not expose
 * where program names start, so a literal may stay visible only when its text begins some command word: a literal
 * that stays visible anywhere else is an argument leaking into the log.
 */
final class ShellMasking {
    private ShellMasking() {
    }

    /** {@code masked} holds {@code script} masked from {@code from} on, clipped at {@code limit}. */
    static void assertMasked(String masked, int from, int limit, String script, ShellTokens tokens) {
        TreeSet<String> programs = new TreeSet<>();
        for (int i = 0; i < tokens.commandWords(); i++) {
            programs.add(tokens.commandWord(i));
        }
        int p = from;
        int copied = 0;
        for (int i = 0; i < tokens.size() && p < limit; i++) {
            p = verbatim(masked, p, limit, script.substring(copied, tokens.start(i)), "text between tokens");
            if (p >= limit) {
                return;
            }
            String text = tokens.text(i);
            if (maskable(tokens.type(i)) && !(beginsProgram(programs, text) && masked.startsWith(text, p))) {
                if (masked.charAt(p) != '?') {
                    throw new AssertionError("literal " + tokens.type(i) + " token " + i + " is not masked at "
                            + p + ": an argument reaches the log");
                }
                p++;
            } else {
                p = verbatim(masked, p, limit, text, tokens.type(i) + " token " + i);
            }
            copied = tokens.end(i);
        }
        p = verbatim(masked, p, limit, script.substring(copied), "text after the last token");
        if (p < limit) {
            throw new AssertionError("masked sink goes on past the script at " + p);
        }
    }

    private static boolean maskable(ShellTokenType type) {
        return type == ShellTokenType.WORD || type == ShellTokenType.SINGLE_QUOTED
                || type == ShellTokenType.ANSI_C_QUOTED || type == ShellTokenType.QUOTED_TEXT;
    }

    private static boolean beginsProgram(TreeSet<String> programs, String text) {
        String candidate = programs.ceiling(text);
        return candidate != null && candidate.startsWith(text);
    }

    private static int verbatim(String masked, int p, int limit, String expected, String what) {
        int n = Math.min(expected.length(), limit - p);
        if (!masked.regionMatches(p, expected, 0, n)) {
            throw new AssertionError(what + " is not copied as it is at " + p);
        }
        return p + n;
    }
}
