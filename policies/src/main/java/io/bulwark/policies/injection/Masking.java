package io.bulwark.policies.injection;

/** Bounds what a finding carries into the log: an attacker must not be able to make one event arbitrarily large. */
final class Masking {
    static final int MAX_SINK_CHARS = 2048;
    private static final int MAX_TOKEN_CHARS = 64;

    private Masking() {
    }

    static String clip(String s) {
        return s.length() <= MAX_TOKEN_CHARS ? s : s.substring(0, MAX_TOKEN_CHARS) + "…";
    }

    static String clipTo(CharSequence s, int maxChars) {
        return clipTo(s, maxChars, false);
    }

    /**
     * Clips to {@code maxChars} and marks the cut with an ellipsis, also when the text stopped exactly at the limit
     * with more left behind ({@code moreDropped}): a clipped sink must never look complete.
     */
    static String clipTo(CharSequence s, int maxChars, boolean moreDropped) {
        if (s.length() > maxChars) {
            return s.subSequence(0, maxChars) + "…";
        }
        return moreDropped ? s + "…" : s.toString();
    }

    /**
     * {@code text} with every token that {@code masked} selects replaced by {@code ?}, clipped to {@code maxChars}
     * and marked when clipped. The one masking loop for SQL and shell sinks: a literal's content never reaches the log.
     */
    static String maskTokens(String text, TokenList tokens, java.util.function.IntPredicate masked, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 8);
        int copied = 0;
        for (int i = 0; i < tokens.size() && out.length() < maxChars; i++) {
            if (masked.test(i)) {
                out.append(text, copied, tokens.start(i)).append('?');
                copied = tokens.end(i);
            }
        }
        boolean complete = out.length() < maxChars;
        if (complete) {
            out.append(text, copied, text.length());
        }
        return clipTo(out, maxChars, !complete && copied < text.length());
    }
}
