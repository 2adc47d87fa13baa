package io.bulwark.policies.model;

/**
 * The small JSON path subset policies use to name a place in a request body: {@code $}, then any of
 * {@code .name}, {@code [0]} and {@code [*]}. No filters or recursive descent: a name must say exactly which leaf
 * it means, and matching it costs one step per segment.
 */
public final class JsonPath {

    private JsonPath() {
    }

    public static String check(String path) throws InvalidValueException {
        if (!path.startsWith("$")) {
            throw new InvalidValueException("JSON path must start with '$', like $.customer.email");
        }
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1 || path.substring(i + 1, end).contains("]")) {
                    throw new InvalidValueException("JSON path has an empty or malformed '.name' step");
                }
                i = end;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                String index = close < 0 ? "" : path.substring(i + 1, close);
                if (!index.equals("*") && (index.isEmpty() || !index.chars().allMatch(d -> d >= '0' && d <= '9'))) {
                    throw new InvalidValueException("JSON path index must be [0], [1], ... or [*]");
                }
                i = close + 1;
            } else {
                throw new InvalidValueException("JSON path steps are .name, [0] or [*]");
            }
        }
        return path;
    }
}
