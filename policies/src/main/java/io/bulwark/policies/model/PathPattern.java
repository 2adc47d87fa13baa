package io.bulwark.policies.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A route path as the policy file writes it: {@code /}-separated segments, each a literal, {@code *} (one segment),
 * {@code **} (zero or more) or {@code {name}} (one named segment). At most one {@code **} per pattern, which keeps
 * matching a single linear pass over the request path whatever the client sends. Requests are matched against
 * normalised paths (no empty, {@code .} or {@code ..} segments), so such segments here could never match and are
 * errors. This type only checks the file; requests are matched by {@code routes.RouteTable}.
 */
public final class PathPattern {

    /** One segment of a pattern. */
    public sealed interface Segment {
    }

    public record Literal(String text) implements Segment {
    }

    public record Variable(String name) implements Segment {
    }

    public enum Wildcard implements Segment {
        ONE_SEGMENT,
        ANY_SEGMENTS
    }

    private final String text;
    private final List<Segment> segments;

    private PathPattern(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
    }

    public static PathPattern parse(String text) throws InvalidValueException {
        if (!text.startsWith("/")) {
            throw new InvalidValueException("path must start with '/'");
        }
        List<Segment> segments = new ArrayList<>();
        if (text.equals("/")) {
            return new PathPattern(text, List.of());
        }
        List<String> names = new ArrayList<>();
        boolean sawAnySegments = false;
        for (String part : text.substring(1).split("/", -1)) {
            Segment segment = parseSegment(part);
            if (segment == Wildcard.ANY_SEGMENTS) {
                if (sawAnySegments) {
                    throw new InvalidValueException("path may contain '**' only once");
                }
                sawAnySegments = true;
            }
            if (segment instanceof Variable variable) {
                if (names.contains(variable.name())) {
                    throw new InvalidValueException("path names {" + variable.name() + "} twice");
                }
                names.add(variable.name());
            }
            segments.add(segment);
        }
        return new PathPattern(text, List.copyOf(segments));
    }

    private static Segment parseSegment(String part) throws InvalidValueException {
        if (part.isEmpty()) {
            throw new InvalidValueException("path must not contain empty segments ('//' or a trailing '/')");
        }
        if (part.equals(".") || part.equals("..")) {
            throw new InvalidValueException("path must not contain '.' or '..' segments");
        }
        if (part.equals("*")) {
            return Wildcard.ONE_SEGMENT;
        }
        if (part.equals("**")) {
            return Wildcard.ANY_SEGMENTS;
        }
        if (part.startsWith("{") && part.endsWith("}")) {
            String name = part.substring(1, part.length() - 1);
            if (!isVariableName(name)) {
                throw new InvalidValueException("path variable name must be letters, digits and '_', "
                        + "starting with a letter");
            }
            return new Variable(name);
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '*') {
                throw new InvalidValueException("'*' and '**' must be a whole path segment");
            }
            if (c == '{' || c == '}') {
                throw new InvalidValueException("'{name}' must be a whole path segment");
            }
            if (c == '?' || c == '#' || c == ';' || c < 0x20 || c == 0x7F) {
                throw new InvalidValueException("path must not contain '?', '#', ';' or control characters");
            }
        }
        return new Literal(part);
    }

    private static boolean isVariableName(String name) {
        if (name.isEmpty() || !Character.isLetter(name.charAt(0)) || name.charAt(0) > 0x7F) {
            return false;
        }
        return name.chars().allMatch(c -> c == '_' || (c < 0x80 && Character.isLetterOrDigit(c)));
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The {@code {name}} segments, in order; {@code path:NAME} inputs and path validation refer to these. */
    public List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (Segment segment : segments) {
            if (segment instanceof Variable variable) {
                names.add(variable.name());
            }
        }
        return names;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathPattern pattern && pattern.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
