package io.bulwark.policies.routes;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the request path as the client sent it (percent-encoded, no query string) into the one form routes are matched
 * against. The aim is that no spelling of a path reaches the app under a rule weaker than the one its canonical form
 * gets, so every choice below leans towards either the stricter reading or a refusal.
 *
 * <ul>
 *   <li>Segments are split on raw {@code /} first, then {@code ;params} are dropped from each (this is what Tomcat
 *       does, and why {@code /..;/admin} is a parent reference), then each is percent-decoded exactly once as strict
 *       UTF-8. {@code %2561} therefore stays {@code %61}: decoding twice would let the matcher and the app disagree.</li>
 *   <li>Dot segments are resolved after decoding, so {@code %2e%2e} counts as {@code ..}. A container that keeps it
 *       literal would only be matched by a stricter rule here, never a weaker one.</li>
 *   <li>Empty segments ({@code //}) and a trailing slash are dropped: frameworks commonly route {@code /admin/} and
 *       {@code //admin} to the handler of {@code /admin}.</li>
 *   <li>Refused: a {@code ..} above the root; an encoded slash {@code %2F} or any backslash (containers disagree on
 *       whether they separate segments); NUL and other control characters; malformed escapes; invalid or overlong
 *       UTF-8; paths longer than {@link #MAX_LENGTH}; paths not starting with {@code /}.</li>
 *   <li>Case is kept. Servlet containers map paths case-sensitively, so {@code /ADMIN} is another path; with the
 *       least-privilege default (unmatched requests are denied) a case trick ends in a denial, not a bypass. An app
 *       that routes case-insensitively needs rules written for that.</li>
 * </ul>
 * Work is linear in the path length; no regular expressions.
 */
public final class PathNormalizer {

    /** Longer paths are refused rather than processed: every container has a similar limit. */
    public static final int MAX_LENGTH = 8192;

    private PathNormalizer() {
    }

    public static NormalizedPath normalize(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return new NormalizedPath.Rejected("the path must start with /");
        }
        if (rawPath.length() > MAX_LENGTH) {
            return new NormalizedPath.Rejected("the path is too long");
        }
        List<String> segments = new ArrayList<>();
        int start = 1;
        while (start <= rawPath.length()) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = rawPath.length();
            }
            String problem = addSegment(rawPath, start, end, segments);
            if (problem != null) {
                return new NormalizedPath.Rejected(problem);
            }
            start = end + 1;
        }
        return new NormalizedPath.Valid(join(segments), segments);
    }

    /** Returns null when the segment was handled, else why the path is refused. */
    private static String addSegment(String raw, int start, int end, List<String> segments) {
        int params = raw.indexOf(';', start);
        if (params >= 0 && params < end) {
            end = params;
        }
        if (start == end) {
            return null;
        }
        String decoded = decode(raw, start, end);
        if (decoded == null) {
            return "the path has a malformed percent escape or invalid UTF-8";
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c == '/') {
                return "the path has an encoded slash";
            }
            if (c == '\\') {
                return "the path has a backslash";
            }
            if (c < 0x20 || c == 0x7f) {
                return "the path has a control character";
            }
        }
        if (decoded.equals(".")) {
            return null;
        }
        if (decoded.equals("..")) {
            if (segments.isEmpty()) {
                return "the path climbs above the root";
            }
            segments.remove(segments.size() - 1);
            return null;
        }
        segments.add(decoded);
        return null;
    }

    /** Percent-decodes once; null on a malformed escape or bytes that are not strict UTF-8 (overlong forms included). */
    private static String decode(String raw, int start, int end) {
        int firstEscape = raw.indexOf('%', start);
        if (firstEscape < 0 || firstEscape >= end) {
            return raw.substring(start, end);
        }
        ByteBuffer bytes = ByteBuffer.allocate((end - start) * 3);
        for (int i = start; i < end; i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= end) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                int codePoint = raw.codePointAt(i);
                if (Character.isSurrogate(c) && !Character.isSupplementaryCodePoint(codePoint)) {
                    return null;
                }
                bytes.put(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        bytes.flip();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String join(List<String> segments) {
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(segment);
        }
        return path.toString();
    }
}
