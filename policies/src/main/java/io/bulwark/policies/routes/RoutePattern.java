package io.bulwark.policies.routes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A path pattern from the policy: segments that are a literal, {@code *} (exactly one segment), {@code {name}} (one
 * segment, captured) or {@code **} (zero or more segments; at most once per pattern). {@code /api/orders/**} therefore
 * matches {@code /api/orders} as well.
 *
 * <p>With a single {@code **}, a match is the segments before it matched from the front and those after it matched
 * from the back, so matching is linear in the number of segments, whatever the path. Literals are compared with the
 * decoded, normalised segments of {@link NormalizedPath}, case-sensitively.
 */
public final class RoutePattern {

    private enum Kind { LITERAL, ANY_ONE, NAMED, ANY_MANY }

    private record Part(Kind kind, String text) {
    }

    private final String source;
    private final List<Part> head;
    private final List<Part> tail;
    private final boolean open;

    private RoutePattern(String source, List<Part> head, List<Part> tail, boolean open) {
        this.source = source;
        this.head = head;
        this.tail = tail;
        this.open = open;
    }

    /**
     * @throws IllegalArgumentException with a message naming the offending segment, meant for the policy error report
     */
    public static RoutePattern parse(String pattern) {
        if (pattern == null || pattern.isEmpty() || pattern.charAt(0) != '/') {
            throw new IllegalArgumentException("a route path must start with /: " + pattern);
        }
        String body = pattern.length() > 1 && pattern.endsWith("/")
                ? pattern.substring(1, pattern.length() - 1) : pattern.substring(1);
        List<Part> head = new ArrayList<>();
        List<Part> tail = new ArrayList<>();
        boolean open = false;
        Set<String> names = new HashSet<>();
        if (!body.isEmpty()) {
            for (String segment : body.split("/", -1)) {
                Part part = parseSegment(pattern, segment, names);
                if (part.kind() == Kind.ANY_MANY) {
                    if (open) {
                        throw new IllegalArgumentException("a route path may use ** only once: " + pattern);
                    }
                    open = true;
                } else {
                    (open ? tail : head).add(part);
                }
            }
        }
        return new RoutePattern(pattern, List.copyOf(head), List.copyOf(tail), open);
    }

    private static Part parseSegment(String pattern, String segment, Set<String> names) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("a route path has an empty segment (//): " + pattern);
        }
        if (segment.equals("**")) {
            return new Part(Kind.ANY_MANY, segment);
        }
        if (segment.equals("*")) {
            return new Part(Kind.ANY_ONE, segment);
        }
        if (segment.startsWith("{") && segment.endsWith("}")) {
            String name = segment.substring(1, segment.length() - 1);
            if (!isIdentifier(name)) {
                throw new IllegalArgumentException("a {name} segment needs a name of letters, digits and _, "
                        + "not starting with a digit: '" + segment + "' in " + pattern);
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("a route path uses {" + name + "} twice: " + pattern);
            }
            return new Part(Kind.NAMED, name);
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException("a route path cannot have . or .. segments: " + pattern);
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '*' || c == '{' || c == '}' || c == ';' || c == '\\' || c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("a route segment is a literal, *, ** or {name}, "
                        + "and a literal cannot contain '" + printable(c) + "': '" + segment + "' in " + pattern);
            }
        }
        return new Part(Kind.LITERAL, segment);
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the captured {@code {name}} values (empty when the pattern has none), or null when the path does not match
     */
    public Map<String, String> match(List<String> segments) {
        int size = segments.size();
        if (open ? size < head.size() + tail.size() : size != head.size()) {
            return null;
        }
        Map<String, String> captured = NONE;
        for (int i = 0; i < head.size(); i++) {
            captured = matchPart(head.get(i), segments.get(i), captured);
            if (captured == null) {
                return null;
            }
        }
        int tailStart = size - tail.size();
        for (int i = 0; i < tail.size(); i++) {
            captured = matchPart(tail.get(i), segments.get(tailStart + i), captured);
            if (captured == null) {
                return null;
            }
        }
        return captured == NONE ? NONE : Collections.unmodifiableMap(captured);
    }

    /** Marks "matched so far, nothing captured" without allocating a map for patterns that have no names. */
    private static final Map<String, String> NONE = Map.of();

    private static Map<String, String> matchPart(Part part, String segment, Map<String, String> captured) {
        Map<String, String> result = captured;
        switch (part.kind()) {
            case LITERAL:
                return part.text().equals(segment) ? result : null;
            case NAMED:
                if (result == NONE) {
                    result = new LinkedHashMap<>();
                }
                result.put(part.text(), segment);
                return result;
            default:
                return result;
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
