package io.bulwark.policies.injection;

/** What a piece of a shell script is, as far as judging structure needs. */
public enum ShellTokenType {
    /** Unquoted literal characters of a word, backslash escapes and glob characters included. */
    WORD,
    /** {@code '...'}, and in PowerShell {@code '...'} with doubled quotes. */
    SINGLE_QUOTED,
    /** Bash {@code $'...'}. */
    ANSI_C_QUOTED,
    /** The {@code "} that opens or closes a double-quoted part. */
    DOUBLE_QUOTE,
    /** Literal text inside double quotes. */
    QUOTED_TEXT,
    /** {@code $name}, {@code $1}, {@code $?}, cmd's {@code %name%}. */
    VARIABLE,
    /** {@code ${...}}. */
    PARAMETER_EXPANSION,
    /** {@code $((...))}. */
    ARITHMETIC,
    /** {@code $(}, {@code `}, {@code <(}, {@code >(} opening a command substitution; its commands follow as tokens. */
    SUBSTITUTION_OPEN,
    SUBSTITUTION_CLOSE,
    /** {@code {a,b}} and {@code {1..9}}. */
    BRACE_EXPANSION,
    /** {@code ; & | && || ;; |& ( )} and unquoted newlines. */
    OPERATOR,
    /** {@code < > >> << <<< <> >& <& >| &>}. */
    REDIRECTION,
    COMMENT;

    private static final ShellTokenType[] VALUES = values();

    static ShellTokenType of(int ordinal) {
        return VALUES[ordinal];
    }

    /** Text that ends up inside an argument as written: it cannot run anything by itself. */
    boolean isLiteral() {
        return this == WORD || this == SINGLE_QUOTED || this == ANSI_C_QUOTED || this == DOUBLE_QUOTE
                || this == QUOTED_TEXT;
    }
}
