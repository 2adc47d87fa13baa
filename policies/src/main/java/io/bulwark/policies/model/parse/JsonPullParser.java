package io.bulwark.policies.model.parse;

import java.math.BigDecimal;

/**
 * Strict JSON (RFC 8259: no comments, no trailing commas, no single quotes, no NaN) read one token at a time, each
 * with the line and column where it starts. Written for the policy file instead of using Jackson's parser because
 * the policy is read on the premain thread before the app may start, where loading and verifying Jackson's parser
 * classes cost more than the whole read; Jackson still reads request bodies.
 *
 * <p>One pass, no backtracking, and every loop advances through the text: time is linear in its length. Nesting is
 * bounded by {@link #MAX_NESTING}, numbers by {@link #MAX_NUMBER_LENGTH}, so a hostile file costs at most its size.
 */
final class JsonPullParser {

    enum Token { START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY, FIELD_NAME, STRING, INTEGER, DECIMAL, TRUE, FALSE,
        NULL }

    /** A syntax error, at the character that broke it (or at the end, for input that stops early). */
    static final class SyntaxError extends Exception {
        private final transient Position position;

        SyntaxError(Position position, String message) {
            super(message, null, false, false);
            this.position = position;
        }

        Position position() {
            return position;
        }
    }

    /** Jackson's defaults for the same limits; the reader stops at a much smaller depth and skips what is below. */
    static final int MAX_NESTING = 1000;
    static final int MAX_NUMBER_LENGTH = 1000;

    private static final String VALUE_EXPECTED = "expected a valid value (JSON String, Number, Array, Object or "
            + "token 'null', 'true' or 'false')";

    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    /** Per open container, outermost first: true for an object. */
    private boolean[] containers = new boolean[16];
    private int depth;
    /** The open container has a member or item already, so the next one needs a comma first. */
    private boolean afterFirst;
    /** A field name was read; its value comes next. */
    private boolean afterName;
    private boolean rootDone;

    private Token token;
    private Position tokenPosition = Position.START;
    private String string;
    private BigDecimal number;

    JsonPullParser(String text) {
        this.text = text;
    }

    /** The next token, or null when the root value is complete (what may follow it is {@link #atEnd()}'s call). */
    Token next() throws SyntaxError {
        if (afterName) {
            afterName = false;
            skipWhitespace();
            expect(':', "was expecting a colon to separate field name and value");
            skipWhitespace();
            return value();
        }
        if (depth == 0) {
            if (rootDone) {
                return token = null;
            }
            skipWhitespace();
            if (pos >= text.length()) {
                return token = null;
            }
            return value();
        }
        skipWhitespace();
        boolean inObject = containers[depth - 1];
        char close = inObject ? '}' : ']';
        if (pos < text.length() && text.charAt(pos) == close) {
            return close();
        }
        if (afterFirst) {
            expect(',', inObject ? "was expecting comma to separate Object entries"
                    : "was expecting comma to separate Array entries");
            skipWhitespace();
        }
        afterFirst = true;
        if (!inObject) {
            return value();
        }
        if (pos >= text.length()) {
            throw endOfInput();
        }
        if (text.charAt(pos) != '"') {
            throw unexpected("was expecting double-quote to start field name");
        }
        tokenPosition = here();
        string = readString();
        afterName = true;
        return token = Token.FIELD_NAME;
    }

    Token token() {
        return token;
    }

    /** Where the last token starts; for {@link Token#END_OBJECT} and {@link Token#END_ARRAY}, their bracket. */
    Position tokenPosition() {
        return tokenPosition;
    }

    /** The text of a {@link Token#STRING} or {@link Token#FIELD_NAME}, escapes resolved. */
    String string() {
        return string;
    }

    /** The value of an {@link Token#INTEGER} or {@link Token#DECIMAL}, exactly as written. */
    BigDecimal number() {
        return number;
    }

    /** After {@link Token#START_OBJECT} or {@link Token#START_ARRAY}: reads on to its end, still checking syntax. */
    void skipChildren() throws SyntaxError {
        if (token != Token.START_OBJECT && token != Token.START_ARRAY) {
            return;
        }
        int open = 1;
        while (open > 0) {
            Token next = next();
            if (next == Token.START_OBJECT || next == Token.START_ARRAY) {
                open++;
            } else if (next == Token.END_OBJECT || next == Token.END_ARRAY) {
                open--;
            }
        }
    }

    /** After the root value: whether only whitespace is left; if not, {@link #tokenPosition()} is where more starts. */
    boolean atEnd() {
        skipWhitespace();
        tokenPosition = here();
        return pos >= text.length();
    }

    private Token value() throws SyntaxError {
        if (pos >= text.length()) {
            throw endOfInput();
        }
        tokenPosition = here();
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return open(true, Token.START_OBJECT);
            case '[':
                return open(false, Token.START_ARRAY);
            case '"':
                string = readString();
                return scalar(Token.STRING);
            case 't':
                return literal("true", Token.TRUE);
            case 'f':
                return literal("false", Token.FALSE);
            case 'n':
                return literal("null", Token.NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                if (c == '/' || c == '#') {
                    throw unexpected("comments are not allowed in JSON");
                }
                if (Character.isLetter(c)) {
                    throw unrecognizedToken();
                }
                throw unexpected(VALUE_EXPECTED);
        }
    }

    private Token open(boolean object, Token started) throws SyntaxError {
        if (depth == MAX_NESTING) {
            throw new SyntaxError(here(), "nested deeper than " + MAX_NESTING + " levels");
        }
        if (depth == containers.length) {
            containers = java.util.Arrays.copyOf(containers, depth * 2);
        }
        containers[depth++] = object;
        afterFirst = false;
        pos++;
        return token = started;
    }

    private Token close() {
        tokenPosition = here();
        pos++;
        depth--;
        afterFirst = true;
        rootDone = depth == 0;
        return token = containers[depth] ? Token.END_OBJECT : Token.END_ARRAY;
    }

    private Token scalar(Token scalar) {
        rootDone = depth == 0;
        return token = scalar;
    }

    private Token literal(String word, Token literal) throws SyntaxError {
        if (!text.startsWith(word, pos) || (pos + word.length() < text.length()
                && isWordChar(text.charAt(pos + word.length())))) {
            throw unrecognizedToken();
        }
        pos += word.length();
        return scalar(literal);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private SyntaxError unrecognizedToken() {
        int end = pos;
        while (end < text.length() && end - pos < 40 && isWordChar(text.charAt(end))) {
            end++;
        }
        return new SyntaxError(here(), "Unrecognized token '" + text.substring(pos, end) + "': was expecting "
                + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    }

    /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private Token readNumber() throws SyntaxError {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '0') {
            pos++;
            if (pos < text.length() && isDigit(text.charAt(pos))) {
                throw new SyntaxError(here(), "Invalid numeric value: Leading zeroes not allowed");
            }
        } else {
            digits("expected a digit after the minus sign");
        }
        boolean integral = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            digits("Decimal point not followed by a digit");
            integral = false;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            digits("Exponent indicator not followed by a digit");
            integral = false;
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw new SyntaxError(tokenPosition, "Number value length exceeds the maximum allowed ("
                    + MAX_NUMBER_LENGTH + ")");
        }
        try {
            number = new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException outOfRange) {
            // an exponent beyond int range: valid JSON, but not a number any policy field can hold
            throw new SyntaxError(tokenPosition, "Number out of range: " + text.substring(start, Math.min(pos,
                    start + 40)));
        }
        return scalar(integral ? Token.INTEGER : Token.DECIMAL);
    }

    private void digits(String missing) throws SyntaxError {
        if (pos >= text.length() || !isDigit(text.charAt(pos))) {
            throw pos >= text.length() ? endOfInput() : unexpected(missing);
        }
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** At the opening quote; leaves {@link #pos} after the closing one. */
    private String readString() throws SyntaxError {
        int start = ++pos;
        StringBuilder unescaped = null;
        while (true) {
            if (pos >= text.length()) {
                throw endOfInput();
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String value = unescaped == null ? text.substring(start, pos)
                        : unescaped.append(text, start, pos).toString();
                pos++;
                return value;
            }
            if (c < 0x20) {
                throw unexpected("control characters must be escaped in a string");
            }
            if (c == '\\') {
                if (unescaped == null) {
                    unescaped = new StringBuilder();
                }
                unescaped.append(text, start, pos);
                pos++;
                unescaped.append(escaped());
                start = pos;
            } else {
                pos++;
            }
        }
    }

    /** After a backslash; leaves {@link #pos} after the escape. */
    private char escaped() throws SyntaxError {
        if (pos >= text.length()) {
            throw endOfInput();
        }
        char c = text.charAt(pos);
        switch (c) {
            case '"', '\\', '/' -> {
                pos++;
                return c;
            }
            case 'b' -> {
                pos++;
                return '\b';
            }
            case 'f' -> {
                pos++;
                return '\f';
            }
            case 'n' -> {
                pos++;
                return '\n';
            }
            case 'r' -> {
                pos++;
                return '\r';
            }
            case 't' -> {
                pos++;
                return '\t';
            }
            case 'u' -> {
                pos++;
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    if (pos >= text.length()) {
                        throw endOfInput();
                    }
                    int digit = hexDigit(text.charAt(pos));
                    if (digit < 0) {
                        throw unexpected("expected a hex digit for a character escape sequence");
                    }
                    code = code * 16 + digit;
                    pos++;
                }
                return (char) code;
            }
            default -> throw unexpected("Unrecognized character escape");
        }
    }

    /** Only ASCII hex digits: {@link Character#digit} would also take other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private void expect(char wanted, String otherwise) throws SyntaxError {
        if (pos >= text.length()) {
            throw endOfInput();
        }
        if (text.charAt(pos) != wanted) {
            throw unexpected(otherwise);
        }
        pos++;
    }

    /** Space, tab and line breaks ({@code \n}, {@code \r} and {@code \r\n} each count as one). */
    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '\n' || c == '\r') {
                pos++;
                if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
                    pos++;
                }
                line++;
                lineStart = pos;
            } else {
                return;
            }
        }
    }

    private Position here() {
        return new Position(line, pos - lineStart + 1);
    }

    private SyntaxError unexpected(String expectation) {
        char c = text.charAt(pos);
        String shown = c < 0x20 ? "(CTRL-CHAR, code " + (int) c + ")" : "'" + c + "' (code " + (int) c + ")";
        return new SyntaxError(here(), "Unexpected character (" + shown + "): " + expectation);
    }

    private SyntaxError endOfInput() {
        String what = depth == 0 ? "expected a value" : containers[depth - 1]
                ? "expected close marker for Object" : "expected close marker for Array";
        return new SyntaxError(here(), "Unexpected end-of-input: " + what);
    }
}
