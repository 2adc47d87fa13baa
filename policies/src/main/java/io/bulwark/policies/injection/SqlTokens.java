package io.bulwark.policies.injection;

/** The tokens of one SQL text, in order, with whitespace left out. */
public final class SqlTokens {
    private final String text;
    private final TokenList tokens;
    private final SqlDialect dialect;
    private final boolean backslashEscapes;

    SqlTokens(String text, TokenList tokens, SqlDialect dialect, boolean backslashEscapes) {
        this.text = text;
        this.tokens = tokens;
        this.dialect = dialect;
        this.backslashEscapes = backslashEscapes;
    }

    public int size() {
        return tokens.size();
    }

    public SqlTokenType type(int i) {
        return SqlTokenType.of(tokens.kind(i));
    }

    public int start(int i) {
        return tokens.start(i);
    }

    public int end(int i) {
        return tokens.end(i);
    }

    public String text(int i) {
        return text.substring(tokens.start(i), tokens.end(i));
    }

    public SqlDialect dialect() {
        return dialect;
    }

    boolean backslashEscapes() {
        return backslashEscapes;
    }

    String source() {
        return text;
    }

    TokenList list() {
        return tokens;
    }

    /** {@code TYPE:text}, with literals shown as {@code ?} so a log line carries structure, not data. */
    String describe(int i) {
        SqlTokenType type = type(i);
        return type + ":" + (type.isLiteral() ? "?" : Masking.clip(text(i)));
    }

    /** The text with every literal replaced by {@code ?}, clipped to {@code maxChars}. */
    String masked(int maxChars) {
        return Masking.maskTokens(text, tokens, i -> type(i).isLiteral(), maxChars);
    }
}
