package io.bulwark.policies.model.parse;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks that a validation pattern stays within what a linear-time (automaton) matcher can run: no
 * backreferences, lookaround, atomic groups or possessive quantifiers. Those are the features that force
 * backtracking, which an attacker-chosen input turns into a CPU sink. The syntax is then checked by compiling it
 * once here; matching is the validation engine's business.
 */
final class LinearPattern {

    /** Longer patterns are almost certainly generated or pasted by mistake, and cost memory per route. */
    private static final int MAX_LENGTH = 1000;

    private LinearPattern() {
    }

    /** Why the pattern is not acceptable, or null when it is. */
    static String problem(String pattern) {
        if (pattern.isEmpty()) {
            return "pattern must not be empty; leave it out to accept any value";
        }
        if (pattern.length() > MAX_LENGTH) {
            return "pattern is longer than " + MAX_LENGTH + " characters";
        }
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
            if (c == '\\') {
                if ((next >= '1' && next <= '9') || next == 'k') {
                    return "pattern must not use backreferences (they need a backtracking matcher)";
                }
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(' && next == '?' && i + 2 < pattern.length()) {
                char kind = pattern.charAt(i + 2);
                boolean lookbehind = kind == '<' && i + 3 < pattern.length()
                        && (pattern.charAt(i + 3) == '=' || pattern.charAt(i + 3) == '!');
                if (kind == '=' || kind == '!' || kind == '>' || lookbehind) {
                    return "pattern must not use lookaround or atomic groups (they need a backtracking matcher)";
                }
            } else if (next == '+' && (c == '*' || c == '+' || c == '?' || c == '}')) {
                return "pattern must not use possessive quantifiers (they need a backtracking matcher)";
            }
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            return "pattern is not a valid regular expression: " + e.getDescription();
        }
        return null;
    }
}
