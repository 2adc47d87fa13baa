package io.bulwark.policies.validation;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one input must look like: the engine's own copy of a policy {@code validate} entry, so the engine does not
 * depend on the policy model. Every field but {@code required} is optional ({@code null} = no constraint).
 *
 * @param type       the value's type; {@code null} accepts any scalar
 * @param required   the input must be present (for JSON: present and not {@code null})
 * @param min        inclusive lower bound; only with {@code integer} or {@code number}
 * @param max        inclusive upper bound; only with {@code integer} or {@code number}
 * @param minLength  minimum length in Unicode code points (an emoji counts once)
 * @param maxLength  maximum length in Unicode code points
 * @param pattern    the whole value must match it
 * @param enumValues allowed values: exact text, or for {@code integer}/{@code number} the same numeric value
 *                   ({@code "1.0"} equals {@code "1"}); {@code null} or empty = no constraint
 */
public record FieldRule(FieldType type, boolean required, BigDecimal min, BigDecimal max, Integer minLength,
                        Integer maxLength, LinearPattern pattern, List<String> enumValues) {

    /** @throws IllegalArgumentException when the constraints contradict each other or the type */
    public FieldRule {
        if ((min != null || max != null) && (type == null || !type.isNumeric())) {
            throw new IllegalArgumentException("min and max need type integer or number");
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
        if (minLength != null && minLength < 0 || maxLength != null && maxLength < 0) {
            throw new IllegalArgumentException("minLength and maxLength must not be negative");
        }
        if (minLength != null && maxLength != null && minLength > maxLength) {
            throw new IllegalArgumentException("minLength " + minLength + " is above maxLength " + maxLength);
        }
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
        if (type != null && type.isNumeric()) {
            for (String value : enumValues) {
                if (TypeChecks.decimal(value, type) == null) {
                    throw new IllegalArgumentException("enum value \"" + value + "\" is not a valid " + type.policyName());
                }
            }
        }
    }

    /** A rule with only a type (or {@code null} for any scalar); add constraints with the {@code with…} methods. */
    public static FieldRule of(FieldType type) {
        return new FieldRule(type, false, null, null, null, null, null, List.of());
    }

    public FieldRule asRequired() {
        return new FieldRule(type, true, min, max, minLength, maxLength, pattern, enumValues);
    }

    public FieldRule withMin(BigDecimal value) {
        return new FieldRule(type, required, value, max, minLength, maxLength, pattern, enumValues);
    }

    public FieldRule withMax(BigDecimal value) {
        return new FieldRule(type, required, min, value, minLength, maxLength, pattern, enumValues);
    }

    public FieldRule withMin(long value) {
        return withMin(BigDecimal.valueOf(value));
    }

    public FieldRule withMax(long value) {
        return withMax(BigDecimal.valueOf(value));
    }

    public FieldRule withMinLength(int value) {
        return new FieldRule(type, required, min, max, value, maxLength, pattern, enumValues);
    }

    public FieldRule withMaxLength(int value) {
        return new FieldRule(type, required, min, max, minLength, value, pattern, enumValues);
    }

    /** @throws PatternCompileException if the pattern is not supported */
    public FieldRule withPattern(String value) {
        return new FieldRule(type, required, min, max, minLength, maxLength, LinearPattern.compile(value), enumValues);
    }

    public FieldRule withEnum(List<String> values) {
        return new FieldRule(type, required, min, max, minLength, maxLength, pattern, values);
    }
}
