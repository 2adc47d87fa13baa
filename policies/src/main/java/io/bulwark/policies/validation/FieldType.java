package io.bulwark.policies.validation;

import java.util.Locale;

/** The {@code type} of a validated value, as the policy names it ({@code "integer"}, ...). */
public enum FieldType {
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    UUID,
    EMAIL;

    /** @throws IllegalArgumentException for a name the policy does not define */
    public static FieldType fromPolicyName(String name) {
        for (FieldType type : values()) {
            if (type.policyName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown type \"" + name
                + "\"; expected string, integer, number, boolean, uuid or email");
    }

    public String policyName() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean isNumeric() {
        return this == INTEGER || this == NUMBER;
    }
}
