package io.bulwark.policies.net;

/**
 * Reads one hop of a forwarding header: an RFC 7239 node ({@code 192.0.2.1}, {@code 192.0.2.1:8080},
 * {@code [2001:db8::1]:443}) or an {@code X-Forwarded-For} entry, which in the wild is the same shapes plus bare
 * IPv6. Returns {@code null} for anything that is not an address, including {@code unknown} and obfuscated
 * {@code _identifiers}.
 */
final class ForwardedNode {

    private ForwardedNode() {
    }

    static IpAddress parse(String s, int from, int to) {
        while (from < to && isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        if (from >= to) {
            return null;
        }
        if (s.charAt(from) == '[') {
            int close = indexOf(s, ']', from, to);
            if (close < 0 || !isPortOrNothing(s, close + 1, to)) {
                return null;
            }
            IpAddress address = IpAddress.parse(s, from + 1, close);
            return address != null && !address.isIpv4() ? address : null;
        }
        int firstColon = indexOf(s, ':', from, to);
        if (firstColon >= 0 && indexOf(s, ':', firstColon + 1, to) < 0) {
            // Exactly one colon: IPv4 with a port.
            if (!isPortOrNothing(s, firstColon, to)) {
                return null;
            }
            IpAddress address = IpAddress.parse(s, from, firstColon);
            return address != null && address.isIpv4() ? address : null;
        }
        return IpAddress.parse(s, from, to);
    }

    /**
     * The {@code for} node of one {@code Forwarded} element ({@code for=192.0.2.60;proto=http;by=203.0.113.43}),
     * or {@code null} when it has none or it is not an address.
     */
    static IpAddress parseForwardedElement(String s, int from, int to) {
        int pairStart = from;
        boolean inQuotes = false;
        for (int i = from; i <= to; i++) {
            char c = i < to ? s.charAt(i) : ';';
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == ';' && (!inQuotes || i == to)) {
                int valueStart = forValueStart(s, pairStart, i);
                if (valueStart >= 0) {
                    // The first "for" decides; a second one in the same element is malformed, not a fallback.
                    return nodeValue(s, valueStart, i);
                }
                pairStart = i + 1;
            }
        }
        return null;
    }

    /** Where the value of a {@code for=} pair starts, or -1 when the pair is another parameter. */
    private static int forValueStart(String s, int from, int to) {
        while (from < to && isWhitespace(s.charAt(from))) {
            from++;
        }
        if (to - from < 4 || !s.regionMatches(true, from, "for", 0, 3)) {
            return -1;
        }
        int pos = from + 3;
        while (pos < to && isWhitespace(s.charAt(pos))) {
            pos++;
        }
        return pos < to && s.charAt(pos) == '=' ? pos + 1 : -1;
    }

    private static IpAddress nodeValue(String s, int pos, int to) {
        while (pos < to && isWhitespace(s.charAt(pos))) {
            pos++;
        }
        while (to > pos && isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        if (pos < to && s.charAt(pos) == '"') {
            if (to - pos < 2 || s.charAt(to - 1) != '"' || indexOf(s, '\\', pos, to) >= 0) {
                return null;
            }
            pos++;
            to--;
        }
        return parse(s, pos, to);
    }

    /** Nothing, or {@code :} followed by a decimal port or an RFC 7239 obfuscated port ({@code _abc}). */
    private static boolean isPortOrNothing(String s, int from, int to) {
        if (from == to) {
            return true;
        }
        if (s.charAt(from) != ':' || to - from < 2 || to - from > 17) {
            return false;
        }
        boolean obfuscated = s.charAt(from + 1) == '_';
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = c >= '0' && c <= '9'
                    || obfuscated && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.' || c == '-');
            if (!ok) {
                return false;
            }
        }
        return obfuscated || to - from <= 6 && Integer.parseInt(s, from + 1, to, 10) <= 65535;
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
