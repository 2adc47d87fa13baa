package io.bulwark.policies.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
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

    /**
     * The first value of parameter {@code name} in a raw query string, decoded, or null. Read from the raw string
     * because the container's {@code getParameter} would, for a form POST, consume the body before the app asks.
     */
    public static String firstParameter(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            int equals = rawQuery.indexOf('=', start);
            int nameEnd = equals < 0 || equals > end ? end : equals;
            if (name.equals(decode(rawQuery, start, nameEnd, true))) {
                return nameEnd == end ? "" : decode(rawQuery, nameEnd + 1, end, true);
            }
            start = end + 1;
        }
        return null;
    }

    /** The decoded parameter names of a raw query string, at most {@code max} of them. */
    public static Set<String> parameterNames(String rawQuery, int max) {
        Set<String> names = new HashSet<>();
        if (rawQuery == null) {
            return names;
        }
        int start = 0;
        while (start < rawQuery.length() && names.size() < max) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            int equals = rawQuery.indexOf('=', start);
            int nameEnd = equals < 0 || equals > end ? end : equals;
            if (nameEnd > start) {
                names.add(decode(rawQuery, start, nameEnd, true));
            }
            start = end + 1;
        }
        return names;
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
