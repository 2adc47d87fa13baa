package io.bulwark.agent.cli.report;

/**
 * Makes attacker-controlled log text safe to show. Paths, addresses and reasons in the log come from requests, so
 * a line can carry markup for the HTML page or escape sequences for the terminal that would rewrite what the
 * operator sees.
 */
final class SafeText {

    private SafeText() {
    }

    /** For HTML text and attribute values (quoted with {@code "}), SVG included. */
    static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(isInvisibleControl(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /**
     * For the terminal: control characters (ESC starts a sequence that can move the cursor or retitle the window)
     * and bidirectional overrides (they reorder what is shown) become {@code ?}.
     */
    static String terminal(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isInvisibleControl(c) || c == '\t') {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('?');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** At most {@code width} characters, the cut marked with {@code ...}. */
    static String fit(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        return width <= 3 ? text.substring(0, width) : text.substring(0, width - 3) + "...";
    }

    private static boolean isInvisibleControl(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f)
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e' || c == '\u200f' || c == '\u061c';
    }
}
