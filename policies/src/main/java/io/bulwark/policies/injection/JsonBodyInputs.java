package io.bulwark.policies.injection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every key and every scalar leaf of a JSON body as an input named by its path ({@code $.items[0].name}), as the
 * app's JSON library would decode it. Streaming, so a large body costs no tree; bounded in depth and in count. A body
 * that is not JSON, or is cut off at the scan limit, yields what was read before the problem.
 */
public final class JsonBodyInputs {

    public static final int MAX_DEPTH = 64;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private JsonBodyInputs() {
    }

    public static List<Input> parse(byte[] body, int length, int maxInputs) {
        List<Input> inputs = new ArrayList<>();
        // most bodies nest a level or two: start small, grow up to the parser's bound (MAX_DEPTH + 2)
        String[] names = new String[8];
        int[] indexes = new int[8];
        int depth = 0;
        // a member's key and its scalar value share one path: built once, at the key
        String memberPath = null;
        try (JsonParser parser = JSON.createParser(body, 0, length)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null && inputs.size() < maxInputs) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        if (depth > 0 && names[depth] == null) {
                            indexes[depth]++;
                        }
                        depth++;
                        if (depth == names.length) {
                            int grown = Math.min(names.length * 2, MAX_DEPTH + 2);
                            names = Arrays.copyOf(names, grown);
                            indexes = Arrays.copyOf(indexes, grown);
                        }
                        names[depth] = token == JsonToken.START_OBJECT ? "" : null;
                        indexes[depth] = -1;
                        memberPath = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        memberPath = null;
                    }
                    case FIELD_NAME -> {
                        names[depth] = parser.currentName();
                        memberPath = path(names, indexes, depth);
                        inputs.add(Input.key(InputSource.JSON, memberPath));
                    }
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                        String valuePath;
                        if (names[depth] == null) {
                            indexes[depth]++;
                            valuePath = path(names, indexes, depth);
                        } else {
                            valuePath = memberPath != null ? memberPath : path(names, indexes, depth);
                        }
                        memberPath = null;
                        inputs.add(Input.value(InputSource.JSON, valuePath, parser.getText()));
                    }
                    default -> {
                        if (token == JsonToken.VALUE_NULL && names[depth] == null) {
                            indexes[depth]++;
                        }
                        memberPath = null;
                    }
                }
            }
        } catch (IOException | RuntimeException notJsonOrCutOff) {
            // keep what was read: a truncated body still has its first fields checked
        }
        return inputs;
    }

    /** {@code $}, then {@code .name} for object members and {@code [i]} for array elements. */
    private static String path(String[] names, int[] indexes, int depth) {
        StringBuilder path = new StringBuilder("$");
        for (int level = 1; level <= depth; level++) {
            if (names[level] == null) {
                path.append('[').append(Math.max(indexes[level], 0)).append(']');
            } else if (!names[level].isEmpty()) {
                path.append('.').append(names[level]);
            }
        }
        return path.toString();
    }
}
