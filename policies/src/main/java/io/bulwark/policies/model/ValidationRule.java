package io.bulwark.policies.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one input must look like.
 *
 * @param type          the value's type
 * @param required      whether the input must be present
 * @param min           smallest value (integer and number)
 * @param max           largest value (integer and number)
 * @param minLength     fewest characters (string and email)
 * @param maxLength     most characters (string and email)
 * @param pattern       a regular expression the whole value must match (string and email), without
 *                      backreferences or lookaround, so that a linear-time matcher can run it
 * @param allowedValues the only values accepted ({@code enum} in the file)
 */
public record ValidationRule(ValueType type, Boolean required, BigDecimal min, BigDecimal max, Integer minLength,
                             Integer maxLength, String pattern,
                             @JsonProperty("enum") List<String> allowedValues) {

    public static final ValueType DEFAULT_TYPE = ValueType.STRING;

    public ValidationRule {
        type = type == null ? DEFAULT_TYPE : type;
        required = required != null && required;
        allowedValues = allowedValues == null ? null : Copies.list(allowedValues);
    }
}
