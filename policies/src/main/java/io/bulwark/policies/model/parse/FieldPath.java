package io.bulwark.policies.model.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a value sits in the policy, printed as {@code routes[2].auth.scopes[0]}. A map key that is not a plain
 * name (a JSON path, say) is printed in brackets: {@code validate.json["$.a.b"]}.
 */
final class FieldPath {

    static final FieldPath ROOT = new FieldPath(List.of());

    private final List<Object> steps;

    private FieldPath(List<Object> steps) {
        this.steps = steps;
    }

    FieldPath field(String name) {
        return append(name);
    }

    FieldPath index(int index) {
        return append(index);
    }

    private FieldPath append(Object step) {
        List<Object> next = new ArrayList<>(steps.size() + 1);
        next.addAll(steps);
        next.add(step);
        return new FieldPath(Collections.unmodifiableList(next));
    }

    FieldPath parent() {
        return steps.isEmpty() ? this : new FieldPath(steps.subList(0, steps.size() - 1));
    }

    /** The last field name, for messages like "burst must be at least 1". */
    String lastName() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i) instanceof String name) {
                return name;
            }
        }
        return "value";
    }

    /** Field names (String) and list indexes (Integer), outermost first. */
    List<Object> steps() {
        return steps;
    }

    @Override
    public String toString() {
        if (steps.isEmpty()) {
            return "(root)";
        }
        StringBuilder text = new StringBuilder();
        for (Object step : steps) {
            if (step instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else if (isPlainName((String) step)) {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(step);
            } else {
                text.append("[\"").append(((String) step).replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
            }
        }
        return text.toString();
    }

    private static boolean isPlainName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldPath path && path.steps.equals(steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }
}
