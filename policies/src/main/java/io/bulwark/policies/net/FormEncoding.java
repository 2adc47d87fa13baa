package io.bulwark.policies.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Percent-decoding as servlet containers do it, in one place: query strings and form names
 * ({@code application/x-www-form-urlencoded}, where {@code +} is a space) and path segments (where it is not).
 * Escapes are UTF-8; a malformed escape is kept literally, as Jetty keeps it. Linear in the text's length.
 */
public final class FormEncoding {

    private FormEncoding() {
    }

    /** Decodes {@code text[from, to)}; {@code plusIsSpace} for query strings and forms, not for paths. */
    public static String decode(String text, int from, int to, boolean plusIsSpace) {
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            char c = text.charAt(i);
            plain = c != '%' && !(plusIsSpace && c == '+');
        }
        if (plain) {
            return text.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < to && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) << 4 | hex(text.charAt(i + 2)));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int codePoint = text.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A path segment: {@code +} stays a plus. */
    public static String decodePathSegment(String segment) {
        return decode(segment, 0, segment.length(), false);
    }

    /** Receives one {@code name[=value]} pair of a raw query string as offsets; returns false to stop. */
    private interface PairVisitor {
        boolean visit(int nameStart, int nameEnd, int valueStart, int valueEnd);
    }

    /** The one walk over a raw query string's pairs; linear in its length. */
    private static void forEachPair(String rawQuery, PairVisitor visitor) {
        if (rawQuery == null) {
            return;
        }
        int start = 0;
        while (start < rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            int equals = rawQuery.indexOf('=', start);
            int nameEnd = equals < 0 || equals > end ? end : equals;
            if (nameEnd > start && !visitor.visit(start, nameEnd, Math.min(nameEnd + 1, end), end)) {
                return;
            }
            start = end + 1;
        }
    }

    /**
     * The first value of parameter {@code name} in a raw query string, decoded, or null. Read from the raw string
     * because the container's {@code getParameter} would, for a form POST, consume the body before the app asks.
     */
    public static String firstParameter(String rawQuery, String name) {
        String[] found = {null};
        forEachPair(rawQuery, (ns, ne, vs, ve) -> {
            if (name.equals(decode(rawQuery, ns, ne, true))) {
                found[0] = decode(rawQuery, vs, ve, true);
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** The decoded parameter names of a raw query string, at most {@code max} of them. */
    public static Set<String> parameterNames(String rawQuery, int max) {
        Set<String> names = new HashSet<>();
        forEachPair(rawQuery, (ns, ne, vs, ve) -> {
            names.add(decode(rawQuery, ns, ne, true));
            return names.size() < max;
        });
        return names;
    }

    /** Every value of the {@code wanted} parameters, decoded; other names' values are not decoded at all. */
    public static Map<String, List<String>> parameterValues(String rawQuery, Set<String> wanted) {
        Map<String, List<String>> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        forEachPair(rawQuery, (ns, ne, vs, ve) -> {
            String name = decode(rawQuery, ns, ne, true);
            if (wanted.contains(name)) {
                found.computeIfAbsent(name, n -> new ArrayList<>(1)).add(decode(rawQuery, vs, ve, true));
            }
            return true;
        });
        return found;
    }

    /** ASCII hex only: {@link Character#digit} would also accept other scripts' digits. */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
