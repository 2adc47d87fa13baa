package io.bulwark.policies.injection;

/** What a piece of SQL is, as far as judging structure needs. */
public enum SqlTokenType {
    /** A bare word: keyword, identifier or function name. */
    WORD,
    QUOTED_IDENTIFIER,
    STRING,
    NUMBER,
    /** A bind placeholder: {@code ?}, {@code ?1}, {@code :name}, {@code $1}. */
    PARAMETER,
    /** {@code @name} and {@code @@name}: session and system variables. */
    VARIABLE,
    OPERATOR,
    PUNCTUATION,
    COMMENT,
    /** MySQL's {@code /*!} and its closing {@code *}{@code /}: the text between them runs as code. */
    EXECUTABLE_COMMENT;

    private static final SqlTokenType[] VALUES = values();

    static SqlTokenType of(int ordinal) {
        return VALUES[ordinal];
    }

    boolean isLiteral() {
        return this == STRING || this == NUMBER;
    }
}
