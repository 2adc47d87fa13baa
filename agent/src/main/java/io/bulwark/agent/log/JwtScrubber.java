package io.bulwark.agent.log;

/**
 * Replaces JWT-looking substrings ({@code eyJ...}{@code .}{@code ...}{@code .}{@code ...}, JWS or JWE compact form)
 * with {@link #MARK} and caps the result, in one left-to-right pass.
 *
 * <p>A hand-written scan rather than a regex: the text is attacker input, and the cost must stay linear in the part
 * of it that is kept. Characters past the cap are not scanned, except to finish a token that starts before it, so a
 * token cut by the cap can never leave its head behind.
 */
final class JwtScrubber {
    static final String MARK = "[REDACTED-JWT]";

    /** Every JWT starts with a base64url-encoded {@code {"}; a shorter header than this cannot be a JOSE header. */
    private static final String PREFIX = "eyJ";
    private static final int MIN_HEADER_CHARS = 10;
    /** JWS has two dots, JWE four; a fifth would start something else. */
    private static final int MAX_DOTS = 4;

    private JwtScrubber() {
    }

    /**
     * Returns {@code text} with every JWT replaced and, when longer than {@code maxChars}, cut to that many characters
     * followed by {@code …[+N]}, N being how many characters of the input were left out.
     */
    static String scrubAndCap(String text, int maxChars) {
        int n = text.length();
        if (n <= maxChars && text.indexOf(PREFIX) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(Math.min(n, maxChars) + 16);
        int pos = 0;
        while (pos < n && out.length() < maxChars) {
            int candidate = text.indexOf(PREFIX, pos);
            int plainEnd = candidate < 0 ? n : candidate;
            pos = copy(text, pos, plainEnd, out, maxChars);
            if (pos < plainEnd || candidate < 0) {
                break;
            }
            int end = tokenEnd(text, candidate);
            if (end > 0) {
                out.append(MARK);
                pos = end;
            } else {
                pos = copy(text, candidate, -end, out, maxChars);
                if (pos < -end) {
                    break;
                }
            }
        }
        if (pos < n) {
            out.append("…[+").append(n - pos).append(']');
        }
        return out.toString();
    }

    /** Copies text[from, to) while there is room; returns where it stopped, never between the halves of a pair. */
    private static int copy(String text, int from, int to, StringBuilder out, int maxChars) {
        int room = maxChars - out.length();
        int stop = to - from <= room ? to : from + room;
        if (stop < to && stop > from && Character.isHighSurrogate(text.charAt(stop - 1))) {
            stop--;
        }
        out.append(text, from, stop);
        return stop;
    }

    /**
     * The end of the JWT starting at {@code start}, or minus the position where the match failed. No JWT starts
     * between {@code start} and that position either: any start there runs into the same missing dot, so the caller
     * can resume the search from it and the whole scan stays linear.
     */
    private static int tokenEnd(String text, int start) {
        int pos = runEnd(text, start);
        if (pos - start < MIN_HEADER_CHARS) {
            return -pos;
        }
        int dots = 0;
        while (dots < MAX_DOTS && pos < text.length() && text.charAt(pos) == '.') {
            dots++;
            pos = runEnd(text, pos + 1);
        }
        return dots >= 2 ? pos : -pos;
    }

    private static int runEnd(String text, int from) {
        int pos = from;
        while (pos < text.length() && isBase64Url(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static boolean isBase64Url(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
