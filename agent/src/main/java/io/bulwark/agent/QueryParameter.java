package io.bulwark.agent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one parameter from a raw query string. The container's {@code getParameter} is not an option at entry: for a
 * form POST it would read and consume the body before the app asks for it.
 */
final class QueryParameter {

    private QueryParameter() {
    }

    /** The first value of {@code name}, form-decoded, or null. Linear in the query's length. */
    static String first(String rawQuery, String name) {
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
            if (name.equals(decode(rawQuery, start, nameEnd))) {
                return nameEnd == end ? "" : decode(rawQuery, nameEnd + 1, end);
            }
            start = end + 1;
        }
        return null;
    }

    /** {@code application/x-www-form-urlencoded} decoding; a malformed escape is kept literally, as Jetty does. */
    static String decode(String text, int from, int to) {
        if (text.indexOf('%', from) < 0 && text.indexOf('+', from) < 0) {
            return text.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '+') {
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
