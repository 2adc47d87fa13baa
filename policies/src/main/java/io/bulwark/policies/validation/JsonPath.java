package io.bulwark.policies.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON paths a {@code validate.json} rule names: {@code $}, then any of {@code .name}, {@code ['name']},
 * {@code [N]} and {@code [*]} (every element of an array or member of an object, as in RFC 9535). Nothing else
 * (filters, recursive descent, slices): they are not needed to point at an input, and each would be a new way to
 * make evaluation expensive.
 */
public final class JsonPath {

    static final int MAX_SEGMENTS = 32;

    private final String text;
    private final List<Segment> segments;
    /** Each segment as it appears in a concrete path, rendered once here rather than on every walk. */
    private final String[] rendered;
    /** The one concrete path of a path without wildcards (found or absent, it is named so); null with wildcards. */
    private final String fixedPath;

    private JsonPath(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
        this.rendered = new String[segments.size()];
        StringBuilder fixed = new StringBuilder("$");
        boolean wildcards = false;
        for (int i = 0; i < rendered.length; i++) {
            rendered[i] = segments.get(i).render();
            fixed.append(rendered[i]);
            wildcards |= segments.get(i).wildcard();
        }
        this.fixedPath = wildcards ? null : fixed.toString();
    }

    private record Segment(String member, int index, boolean wildcard) {
        String render() {
            if (wildcard) {
                return "[*]";
            }
            if (member == null) {
                return "[" + index + "]";
            }
            return isPlain(member) ? "." + member : "['" + member.replace("\\", "\\\\").replace("'", "\\'") + "']";
        }
    }

    /** What a path reached: the values found, and the places where it found nothing. */
    interface Visitor {
        void found(String concretePath, JsonNode value);

        void absent(String concretePath);
    }

    /** @throws IllegalArgumentException naming the position of what is wrong */
    public static JsonPath parse(String path) {
        if (path == null || !path.startsWith("$")) {
            throw new IllegalArgumentException("JSON path \"" + path + "\" must start with $");
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw error(path, i, "empty member name");
                }
                String name = path.substring(i + 1, end);
                if (name.equals("*")) {
                    segments.add(new Segment(null, -1, true));
                } else {
                    segments.add(new Segment(name, -1, false));
                }
                i = end;
            } else if (c == '[') {
                i = bracket(path, i, segments);
            } else {
                throw error(path, i, "expected . or [");
            }
            if (segments.size() > MAX_SEGMENTS) {
                throw error(path, i, "more than " + MAX_SEGMENTS + " segments");
            }
        }
        return new JsonPath(path, List.copyOf(segments));
    }

    private static int bracket(String path, int open, List<Segment> segments) {
        int i = open + 1;
        if (path.startsWith("*]", i)) {
            segments.add(new Segment(null, -1, true));
            return i + 2;
        }
        if (i < path.length() && path.charAt(i) == '\'') {
            StringBuilder name = new StringBuilder();
            i++;
            while (i < path.length() && path.charAt(i) != '\'') {
                if (path.charAt(i) == '\\' && i + 1 < path.length()) {
                    i++;
                }
                name.append(path.charAt(i++));
            }
            if (!path.startsWith("']", i)) {
                throw error(path, open, "unclosed ['name']");
            }
            segments.add(new Segment(name.toString(), -1, false));
            return i + 2;
        }
        int close = path.indexOf(']', i);
        if (close < 0 || close == i || close - i > 9) {
            throw error(path, open, "expected [*], [N] or ['name']");
        }
        for (int k = i; k < close; k++) {
            if (path.charAt(k) < '0' || path.charAt(k) > '9') {
                throw error(path, open, "expected [*], [N] or ['name']");
            }
        }
        segments.add(new Segment(null, Integer.parseInt(path.substring(i, close)), false));
        return close + 1;
    }

    private static IllegalArgumentException error(String path, int position, String reason) {
        return new IllegalArgumentException("JSON path \"" + path + "\" at position " + position + ": " + reason);
    }

    private static boolean isPlain(String member) {
        if (member.isEmpty()) {
            return false;
        }
        for (int i = 0; i < member.length(); i++) {
            char c = member.charAt(i);
            if (!(c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return !member.equals("*");
    }

    /** Visits every value the path reaches in document order, and every place a named step found nothing. */
    void walk(JsonNode root, Visitor visitor) {
        if (fixedPath != null) {
            walkFixed(root, visitor);
            return;
        }
        StringBuilder concrete = new StringBuilder("$");
        walk(root, 0, concrete, visitor);
    }

    /** Without wildcards a path reaches one place at most: followed step by step, no path text built per request. */
    private void walkFixed(JsonNode root, Visitor visitor) {
        JsonNode node = root;
        for (int step = 0; step < segments.size(); step++) {
            node = child(node, segments.get(step));
            if (node == null) {
                visitor.absent(fixedPath);
                return;
            }
        }
        visitor.found(fixedPath, node);
    }

    private static JsonNode child(JsonNode node, Segment segment) {
        return segment.member() != null
                ? (node.isObject() ? node.get(segment.member()) : null)
                : (node.isArray() ? node.get(segment.index()) : null);
    }

    private void walk(JsonNode node, int step, StringBuilder concrete, Visitor visitor) {
        if (step == segments.size()) {
            visitor.found(concrete.toString(), node);
            return;
        }
        Segment segment = segments.get(step);
        int mark = concrete.length();
        if (segment.wildcard()) {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    concrete.append('[').append(i).append(']');
                    walk(node.get(i), step + 1, concrete, visitor);
                    concrete.setLength(mark);
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = it.next();
                    concrete.append(new Segment(member.getKey(), -1, false).render());
                    walk(member.getValue(), step + 1, concrete, visitor);
                    concrete.setLength(mark);
                }
            } else {
                visitor.absent(concrete + rest(step));
            }
            return;
        }
        JsonNode child = child(node, segment);
        if (child == null) {
            visitor.absent(concrete + rest(step));
            return;
        }
        concrete.append(rendered[step]);
        walk(child, step + 1, concrete, visitor);
        concrete.setLength(mark);
    }

    private String rest(int from) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < rendered.length; i++) {
            out.append(rendered[i]);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
