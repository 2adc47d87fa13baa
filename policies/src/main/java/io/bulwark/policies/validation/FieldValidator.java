package io.bulwark.policies.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks one value against one {@link FieldRule}. A value of the wrong type gets only the {@code type} violation
 * (its bounds mean nothing); otherwise every broken constraint is reported. The pattern runs only on values within
 * {@code maxLength}, and never on more than {@value #MAX_PATTERN_INPUT} code points, which bounds its cost by
 * {@code programSize × MAX_PATTERN_INPUT} per value.
 */
public final class FieldValidator {

    /** Values longer than this are refused by a pattern rule rather than scanned: give such fields a maxLength. */
    public static final int MAX_PATTERN_INPUT = 8_192;

    private static final int MAX_ENUM_IN_MESSAGE = 10;

    private FieldValidator() {
    }

    /**
     * A text input (query, path, header).
     *
     * @param value the decoded value, or {@code null} when the input is absent
     * @return the violations, in a fixed order (required, type, min, max, minLength, maxLength, pattern, enum)
     */
    public static List<Violation> check(String source, String name, String value, FieldRule rule) {
        List<Violation> out = new ArrayList<>(2);
        checkText(source, name, value, rule, out);
        return out;
    }

    /**
     * A JSON value, typed by its JSON kind: {@code integer} and {@code number} want a JSON number ({@code "5"} is a
     * string), {@code boolean} a JSON boolean, the others a JSON string. {@code null} is a value of no declared type,
     * and absent for {@code required}.
     *
     * @param node the value, or {@code null} / a missing node when absent
     */
    public static List<Violation> check(String source, String name, JsonNode node, FieldRule rule) {
        List<Violation> out = new ArrayList<>(2);
        checkJson(source, name, node, rule, out);
        return out;
    }

    static void checkText(String source, String name, String value, FieldRule rule, List<Violation> out) {
        if (value == null) {
            if (rule.required()) {
                out.add(violation(source, name, "required", "is required", null));
            }
            return;
        }
        BigDecimal number = null;
        if (rule.type() != null) {
            if (rule.type().isNumeric()) {
                number = TypeChecks.decimal(value, rule.type());
            }
            if (rule.type().isNumeric() ? number == null : !TypeChecks.matches(rule.type(), value)) {
                out.add(violation(source, name, "type", "must be " + describe(rule.type()), value));
                return;
            }
        }
        checkConstraints(source, name, value, number, rule, out);
    }

    static void checkJson(String source, String name, JsonNode node, FieldRule rule, List<Violation> out) {
        if (node == null || node.isMissingNode() || node.isNull() && rule.type() == null) {
            if (rule.required()) {
                out.add(violation(source, name, "required", "is required", null));
            }
            return;
        }
        boolean hasValueConstraints = rule.type() != null || rule.minLength() != null || rule.maxLength() != null
                || rule.pattern() != null || !rule.enumValues().isEmpty();
        if (!hasValueConstraints) {
            return;
        }
        if (!node.isValueNode() || node.isNull()) {
            String kind = node.isNull() ? "null" : node.isArray() ? "an array" : "an object";
            String expected = rule.type() == null ? "a single value" : describe(rule.type());
            out.add(violation(source, name, "type", "must be " + expected + ", not " + kind, null));
            return;
        }
        String text = node.isTextual() ? node.textValue() : node.asText();
        BigDecimal number = null;
        if (rule.type() != null) {
            boolean ok = switch (rule.type()) {
                case STRING -> node.isTextual();
                case INTEGER -> node.isNumber() && node.canConvertToExactIntegral() && node.canConvertToLong();
                case NUMBER -> node.isNumber() && isFinite(node);
                case BOOLEAN -> node.isBoolean();
                case UUID, EMAIL -> node.isTextual() && TypeChecks.matches(rule.type(), text);
            };
            if (!ok) {
                out.add(violation(source, name, "type", "must be " + describe(rule.type()), text));
                return;
            }
            if (rule.type().isNumeric()) {
                number = node.decimalValue();
            }
        }
        checkConstraints(source, name, text, number, rule, out);
    }

    private static boolean isFinite(JsonNode node) {
        return !node.isFloatingPointNumber() || node.isBigDecimal() || Double.isFinite(node.doubleValue());
    }

    private static void checkConstraints(String source, String name, String text, BigDecimal number, FieldRule rule,
                                         List<Violation> out) {
        if (number != null && rule.min() != null && number.compareTo(rule.min()) < 0) {
            out.add(violation(source, name, "min", "must be at least " + rule.min().toPlainString(), text));
        }
        if (number != null && rule.max() != null && number.compareTo(rule.max()) > 0) {
            out.add(violation(source, name, "max", "must be at most " + rule.max().toPlainString(), text));
        }
        boolean tooLong = false;
        if (rule.minLength() != null || rule.maxLength() != null) {
            int length = text.codePointCount(0, text.length());
            if (rule.minLength() != null && length < rule.minLength()) {
                out.add(violation(source, name, "minLength",
                        "must be at least " + rule.minLength() + " characters long", text));
            }
            if (rule.maxLength() != null && length > rule.maxLength()) {
                tooLong = true;
                out.add(violation(source, name, "maxLength",
                        "must be at most " + rule.maxLength() + " characters long", text));
            }
        }
        if (rule.pattern() != null && !tooLong) {
            if (text.length() > MAX_PATTERN_INPUT && text.codePointCount(0, text.length()) > MAX_PATTERN_INPUT) {
                out.add(violation(source, name, "pattern", "is too long to check against the required pattern", text));
            } else if (!rule.pattern().matches(text)) {
                out.add(violation(source, name, "pattern", "does not match the required pattern", text));
            }
        }
        if (!rule.enumValues().isEmpty() && !inEnum(text, number, rule)) {
            out.add(violation(source, name, "enum", "must be one of " + listed(rule.enumValues()), text));
        }
    }

    private static boolean inEnum(String text, BigDecimal number, FieldRule rule) {
        for (String allowed : rule.enumValues()) {
            if (number != null) {
                if (number.compareTo(TypeChecks.decimal(allowed, rule.type())) == 0) {
                    return true;
                }
            } else if (allowed.equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static String listed(List<String> values) {
        List<String> shown = values.size() > MAX_ENUM_IN_MESSAGE ? values.subList(0, MAX_ENUM_IN_MESSAGE) : values;
        StringBuilder out = new StringBuilder();
        for (String value : shown) {
            out.append(out.length() == 0 ? "" : ", ").append(ValuePrefix.of(value));
        }
        return values.size() > shown.size() ? out + ", …" : out.toString();
    }

    private static String describe(FieldType type) {
        return switch (type) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case UUID -> "a UUID";
            case EMAIL -> "an email address";
        };
    }

    static Violation violation(String source, String name, String rule, String message, String value) {
        String prefix = value == null || SensitiveNames.isSensitive(name) ? null : ValuePrefix.of(value);
        return new Violation(source, name, rule, message, prefix);
    }
}
