package io.bulwark.policies.model;

/** The type a validation rule expects an input to have. */
public enum ValueType {
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    UUID,
    EMAIL;

    /** Types whose length, pattern and character set mean something. */
    public boolean isText() {
        return this == STRING || this == EMAIL;
    }

    public boolean isNumeric() {
        return this == INTEGER || this == NUMBER;
    }
}
