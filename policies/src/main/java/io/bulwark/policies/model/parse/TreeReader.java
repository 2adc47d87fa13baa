package io.bulwark.policies.model.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads policy text into {@link Node}s with their positions. Strict JSON (no comments, no trailing commas);
 * duplicate keys are reported here because Jackson's own check stops at the first one. A syntax error ends
 * reading: what follows it has no reliable structure to check.
 */
final class TreeReader {

    /** Far deeper than any policy; a bound so that a hostile file cannot exhaust the stack. */
    private static final int MAX_DEPTH = 32;

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Problems problems;
    private JsonParser parser;
    private FieldPath at = FieldPath.ROOT;

    private TreeReader(Problems problems) {
        this.problems = problems;
    }

    /** The root node, or null after reporting a syntax error. */
    static Node read(String text, Problems problems) {
        return new TreeReader(problems).readAll(text);
    }

    private Node readAll(String text) {
        try (JsonParser jsonParser = JSON.createParser(text)) {
            parser = jsonParser;
            if (parser.nextToken() == null) {
                problems.add(Position.START, FieldPath.ROOT, "the file is empty; a policy is a JSON object");
                return null;
            }
            Node root = readValue(FieldPath.ROOT, 0);
            if (root != null && parser.nextToken() != null) {
                problems.add(here(), FieldPath.ROOT, "unexpected content after the policy object");
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            Position position = location == null ? Position.START
                    : new Position(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
            problems.add(position, at, "invalid JSON: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            problems.add(Position.START, FieldPath.ROOT, "cannot read the policy: " + e.getMessage());
            return null;
        }
    }

    private Node readValue(FieldPath path, int depth) throws IOException {
        at = path;
        Position position = here();
        if (depth > MAX_DEPTH) {
            problems.add(position, path, "nested deeper than " + MAX_DEPTH + " levels");
            parser.skipChildren();
            return null;
        }
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readObject(position, path, depth);
            case START_ARRAY -> readArray(position, path, depth);
            case VALUE_STRING -> new Node.StringNode(position, parser.getText());
            case VALUE_NUMBER_INT -> number(position, path, true);
            case VALUE_NUMBER_FLOAT -> number(position, path, false);
            case VALUE_TRUE -> new Node.BooleanNode(position, true);
            case VALUE_FALSE -> new Node.BooleanNode(position, false);
            case VALUE_NULL -> new Node.NullNode(position);
            default -> throw new IllegalStateException("unexpected token " + token);
        };
    }

    /**
     * The number from its text as Jackson tokenised it (JSON's number syntax is a subset of BigDecimal's), not
     * {@code getDecimalValue()}: Jackson's number helper compiles two regular expressions when it first loads, which
     * premain would pay for the policy's first number.
     */
    private Node number(Position position, FieldPath path, boolean integral) throws IOException {
        try {
            return new Node.NumberNode(position, new BigDecimal(parser.getText()), integral);
        } catch (NumberFormatException e) {
            // only an exponent beyond an int's range (1e9999999999) gets here
            problems.add(position, path, "number is out of range");
            return null;
        }
    }

    private Node readObject(Position position, FieldPath path, int depth) throws IOException {
        Map<String, Node.Member> members = new LinkedHashMap<>();
        boolean complete = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            Position keyPosition = here();
            FieldPath memberPath = path.field(name);
            at = memberPath;
            parser.nextToken();
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

    private Node readArray(Position position, FieldPath path, int depth) throws IOException {
        List<Node> items = new ArrayList<>();
        boolean complete = true;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            Node item = readValue(path.index(items.size()), depth + 1);
            complete &= item != null;
            items.add(item);
            at = path;
        }
        return complete ? new Node.ArrayNode(position, Collections.unmodifiableList(items)) : null;
    }

    private Position here() {
        JsonLocation location = parser.currentTokenLocation();
        return new Position(location.getLineNr(), location.getColumnNr());
    }
}
