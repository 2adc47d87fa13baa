package io.bulwark.policies.model.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads policy text into {@link Node}s with their positions. Strict JSON (no comments, no trailing commas);
 * duplicate keys are reported here, each one, rather than only the first. A syntax error ends reading: what follows
 * it has no reliable structure to check.
 */
final class TreeReader {

    /** Far deeper than any policy; a bound so that a hostile file cannot exhaust the stack. */
    private static final int MAX_DEPTH = 32;

    private final Problems problems;
    private final JsonPullParser parser;
    private FieldPath at = FieldPath.ROOT;

    private TreeReader(String text, Problems problems) {
        this.problems = problems;
        this.parser = new JsonPullParser(text);
    }

    /** The root node, or null after reporting a syntax error. */
    static Node read(String text, Problems problems) {
        return new TreeReader(text, problems).readAll();
    }

    private Node readAll() {
        try {
            if (parser.next() == null) {
                problems.add(Position.START, FieldPath.ROOT, "the file is empty; a policy is a JSON object");
                return null;
            }
            Node root = readValue(FieldPath.ROOT, 0);
            if (root != null && !parser.atEnd()) {
                problems.add(parser.tokenPosition(), FieldPath.ROOT, "unexpected content after the policy object");
                return null;
            }
            return root;
        } catch (JsonPullParser.SyntaxError e) {
            problems.add(e.position(), at, "invalid JSON: " + e.getMessage());
            return null;
        }
    }

    private Node readValue(FieldPath path, int depth) throws JsonPullParser.SyntaxError {
        at = path;
        Position position = parser.tokenPosition();
        if (depth > MAX_DEPTH) {
            problems.add(position, path, "nested deeper than " + MAX_DEPTH + " levels");
            parser.skipChildren();
            return null;
        }
        JsonPullParser.Token token = parser.token();
        if (token == JsonPullParser.Token.START_OBJECT) {
            return readObject(position, path, depth);
        }
        if (token == JsonPullParser.Token.START_ARRAY) {
            return readArray(position, path, depth);
        }
        if (token == JsonPullParser.Token.STRING) {
            return new Node.StringNode(position, parser.string());
        }
        if (token == JsonPullParser.Token.INTEGER || token == JsonPullParser.Token.DECIMAL) {
            return new Node.NumberNode(position, parser.number(), token == JsonPullParser.Token.INTEGER);
        }
        if (token == JsonPullParser.Token.TRUE || token == JsonPullParser.Token.FALSE) {
            return new Node.BooleanNode(position, token == JsonPullParser.Token.TRUE);
        }
        if (token == JsonPullParser.Token.NULL) {
            return new Node.NullNode(position);
        }
        throw new IllegalStateException("unexpected token " + token);
    }

    private Node readObject(Position position, FieldPath path, int depth) throws JsonPullParser.SyntaxError {
        Map<String, Node.Member> members = new LinkedHashMap<>();
        boolean complete = true;
        while (parser.next() == JsonPullParser.Token.FIELD_NAME) {
            String name = parser.string();
            Position keyPosition = parser.tokenPosition();
            FieldPath memberPath = path.field(name);
            at = memberPath;
            parser.next();
            Node value = readValue(memberPath, depth + 1);
            complete &= value != null;
            Node.Member first = members.get(name);
            if (first != null) {
                problems.add(keyPosition, memberPath, "duplicate key; first set at line "
                        + first.keyPosition().line() + ", column " + first.keyPosition().column());
            } else if (value != null) {
                members.put(name, new Node.Member(keyPosition, value));
            }
            at = path;
        }
        return complete ? new Node.ObjectNode(position, Collections.unmodifiableMap(members)) : null;
    }

    private Node readArray(Position position, FieldPath path, int depth) throws JsonPullParser.SyntaxError {
        List<Node> items = new ArrayList<>();
        boolean complete = true;
        while (parser.next() != JsonPullParser.Token.END_ARRAY) {
            Node item = readValue(path.index(items.size()), depth + 1);
            complete &= item != null;
            items.add(item);
            at = path;
        }
        return complete ? new Node.ArrayNode(position, Collections.unmodifiableList(items)) : null;
    }
}
