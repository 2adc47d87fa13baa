package io.bulwark.policies.injection;

/**
 * Splits SQL text into tokens the way the database would, in one forward pass with no regex and no backtracking:
 * every character is read a bounded number of times, so lexing attacker-sized text stays linear. Text the database
 * would reject (an unterminated literal or comment) is lexed to its end rather than refused, since judging
 * structure still works on it.
 *
 * <p>Reads are counted for {@link WorkCounter}, re-reads included. The loops most text goes through (whitespace,
 * words, digits, quoted literals, line comments) keep their position and count in locals and add the count once
 * per loop: the same number as counting each read, without a field update per character on the hot path.
 */
public final class SqlLexer {
    /** Dollar-quote tags longer than this are lexed as operators and words, which only ever adds tokens. */
    private static final int MAX_DOLLAR_TAG = 64;

    private final String text;
    private final int length;
    private final SqlDialect dialect;
    private final boolean backslashEscapes;
    private final boolean hashInWords;
    private final TokenList tokens;
    private int pos;
    private long reads;
    private boolean inExecutableComment;

    private SqlLexer(String text, SqlDialect dialect, boolean backslashEscapes) {
        this.text = text;
        this.length = text.length();
        this.dialect = dialect;
        this.backslashEscapes = backslashEscapes;
        this.hashInWords = dialect == SqlDialect.SQLSERVER || dialect == SqlDialect.ORACLE;
        // application SQL averages one token per four to five characters ("SELECT id, name FROM t WHERE ...")
        this.tokens = new TokenList(length / 4 + 1);
    }

    /** Lexes {@code sql} with the dialect's default rules. */
    public static SqlTokens lex(String sql, SqlDialect dialect, WorkCounter work) {
        return lex(sql, dialect, dialect.backslashEscapes, work);
    }

    /** Lexes {@code sql} with backslash escaping forced on or off (it is a server setting, not only a dialect). */
    public static SqlTokens lex(String sql, SqlDialect dialect, boolean backslashEscapes, WorkCounter work) {
        SqlLexer lexer = new SqlLexer(sql, dialect, backslashEscapes);
        lexer.run();
        if (work != null) {
            work.scanned(lexer.reads);
            work.produced(lexer.tokens.size());
        }
        return new SqlTokens(sql, lexer.tokens, dialect, backslashEscapes);
    }

    private char at(int i) {
        reads++;
        return text.charAt(i);
    }

    private boolean has(int i, char c) {
        return i < length && at(i) == c;
    }

    private void run() {
        String text = this.text;
        int length = this.length;
        while (true) {
            int p = pos;
            while (p < length && isSpace(text.charAt(p))) {
                p++;
            }
            reads += p - pos;
            pos = p;
            if (p >= length) {
                return;
            }
            SqlTokenType type = next(at(p));
            tokens.add(type.ordinal(), p, pos);
        }
    }

    private SqlTokenType next(char c) {
        switch (c) {
            case '-':
                if (has(pos + 1, '-') && lineCommentAfterDashes()) {
                    return lineComment();
                }
                return operator();
            case '#':
                if (dialect.hashComments) {
                    return lineComment();
                }
                return dialect == SqlDialect.SQLSERVER ? word() : operator();
            case '/':
                if (has(pos + 1, '*')) {
                    return blockComment();
                }
                return operator();
            case '*':
                if (inExecutableComment && has(pos + 1, '/')) {
                    pos += 2;
                    inExecutableComment = false;
                    return SqlTokenType.EXECUTABLE_COMMENT;
                }
                return operator();
            case '\'':
                pos++;
                return quoted('\'', backslashEscapes, SqlTokenType.STRING);
            case '"':
                pos++;
                return dialect.doubleQuotedStrings
                        ? quoted('"', backslashEscapes, SqlTokenType.STRING)
                        : quoted('"', false, SqlTokenType.QUOTED_IDENTIFIER);
            case '`':
                pos++;
                return dialect.backtickIdentifiers
                        ? quoted('`', false, SqlTokenType.QUOTED_IDENTIFIER)
                        : SqlTokenType.OPERATOR;
            case '[':
                pos++;
                return dialect.bracketIdentifiers
                        ? quoted(']', false, SqlTokenType.QUOTED_IDENTIFIER)
                        : SqlTokenType.PUNCTUATION;
            case '$':
                return dollar();
            case '?':
                pos++;
                skipDigits();
                return SqlTokenType.PARAMETER;
            case ':':
                if (pos + 1 < length && isWordStart(at(pos + 1))) {
                    pos++;
                    skipWord();
                    return SqlTokenType.PARAMETER;
                }
                return operator();
            case '@':
                pos++;
                if (has(pos, '@')) {
                    pos++;
                }
                if (pos < length && isWordPart(at(pos))) {
                    skipWord();
                    return SqlTokenType.VARIABLE;
                }
                return SqlTokenType.OPERATOR;
            case '(': case ')': case ',': case ';': case ']': case '{': case '}':
                pos++;
                return SqlTokenType.PUNCTUATION;
            case '.':
                if (pos + 1 < length && isDigit(at(pos + 1))) {
                    return number();
                }
                pos++;
                return SqlTokenType.PUNCTUATION;
            default:
                if (isDigit(c)) {
                    return number();
                }
                if (isWordStart(c)) {
                    return wordOrPrefixedString(c);
                }
                return operator();
        }
    }

    /** MySQL only starts a {@code --} comment when a space or control character follows; elsewhere it always does. */
    private boolean lineCommentAfterDashes() {
        if (dialect != SqlDialect.MYSQL) {
            return true;
        }
        return pos + 2 >= length || at(pos + 2) <= ' ';
    }

    private SqlTokenType lineComment() {
        int p = pos;
        while (p < length) {
            char c = text.charAt(p);
            if (c == '\n' || c == '\r') {
                break;
            }
            p++;
        }
        readUpTo(p);
        return SqlTokenType.COMMENT;
    }

    /**
     * Moves to {@code p} after a loop that read each character from {@code pos} up to {@code p} once, and the one at
     * {@code p} too when it is inside the text (the character that ended the loop).
     */
    private void readUpTo(int p) {
        reads += p - pos + (p < length ? 1 : 0);
        pos = p;
    }

    private SqlTokenType blockComment() {
        if (dialect == SqlDialect.MYSQL && !inExecutableComment && pos + 2 < length
                && (at(pos + 2) == '!' || (at(pos + 2) == 'M' && has(pos + 3, '!')))) {
            pos += at(pos + 2) == '!' ? 3 : 4;
            skipDigits();
            inExecutableComment = true;
            return SqlTokenType.EXECUTABLE_COMMENT;
        }
        pos += 2;
        int depth = 1;
        while (pos < length) {
            char c = at(pos);
            if (c == '*' && has(pos + 1, '/')) {
                pos += 2;
                if (--depth == 0) {
                    return SqlTokenType.COMMENT;
                }
            } else if (c == '/' && dialect.nestedComments && has(pos + 1, '*')) {
                pos += 2;
                depth++;
            } else {
                pos++;
            }
        }
        return SqlTokenType.COMMENT;
    }

    /** Reads up to the closing {@code close} (already past the opening one); a doubled close is an escaped one. */
    private SqlTokenType quoted(char close, boolean backslashes, SqlTokenType type) {
        String text = this.text;
        int length = this.length;
        int p = pos;
        long read = 0;
        while (p < length) {
            char c = text.charAt(p);
            read++;
            if (backslashes && c == '\\') {
                p = Math.min(length, p + 2);
            } else if (c == close) {
                if (p + 1 < length) {
                    read++;
                    if (text.charAt(p + 1) == close) {
                        p += 2;
                        continue;
                    }
                }
                p++;
                break;
            } else {
                p++;
            }
        }
        reads += read;
        pos = p;
        return type;
    }

    private SqlTokenType dollar() {
        int tagEnd = pos + 1;
        if (tagEnd < length && isDigit(at(tagEnd))) {
            pos++;
            skipDigits();
            return SqlTokenType.PARAMETER;
        }
        if (dialect.dollarQuotes) {
            while (tagEnd < length && tagEnd - pos <= MAX_DOLLAR_TAG && isDollarTagPart(at(tagEnd), tagEnd == pos + 1)) {
                tagEnd++;
            }
            if (has(tagEnd, '$')) {
                return dollarQuoted(tagEnd + 1 - pos);
            }
        }
        pos++;
        return SqlTokenType.OPERATOR;
    }

    private SqlTokenType dollarQuoted(int delimiterLength) {
        int open = pos;
        pos += delimiterLength;
        while (pos < length) {
            if (at(pos) == '$' && pos + delimiterLength <= length && sameDelimiter(open, pos, delimiterLength)) {
                pos += delimiterLength;
                return SqlTokenType.STRING;
            }
            pos++;
        }
        return SqlTokenType.STRING;
    }

    private boolean sameDelimiter(int open, int candidate, int delimiterLength) {
        for (int i = 1; i < delimiterLength; i++) {
            if (at(candidate + i) != text.charAt(open + i)) {
                return false;
            }
        }
        return true;
    }

    private SqlTokenType number() {
        char first = at(pos);
        if (first == '0' && pos + 2 < length) {
            char radix = (char) (at(pos + 1) | 0x20);
            if ((radix == 'x' && isHexDigit(at(pos + 2))) || (radix == 'b' && isBinaryDigit(at(pos + 2)))) {
                pos += 2;
                while (pos < length && isHexDigit(at(pos))) {
                    pos++;
                }
                return SqlTokenType.NUMBER;
            }
        }
        skipDigits();
        if (has(pos, '.')) {
            pos++;
            skipDigits();
        }
        if (pos + 1 < length && (at(pos) | 0x20) == 'e') {
            int exponent = pos + 1;
            if (at(exponent) == '+' || at(exponent) == '-') {
                exponent++;
            }
            if (exponent < length && isDigit(at(exponent))) {
                pos = exponent;
                skipDigits();
            }
        }
        return SqlTokenType.NUMBER;
    }

    /** {@code N'..'}, {@code E'..'}, {@code X'..'}, {@code B'..'}, {@code U&'..'} and Oracle's {@code q'[..]'}. */
    private SqlTokenType wordOrPrefixedString(char c) {
        char lower = (char) (c | 0x20);
        if (has(pos + 1, '\'')) {
            if (lower == 'n' || lower == 'x' || lower == 'b') {
                pos += 2;
                return quoted('\'', backslashEscapes, SqlTokenType.STRING);
            }
            if (lower == 'e' && dialect == SqlDialect.POSTGRESQL) {
                pos += 2;
                return quoted('\'', true, SqlTokenType.STRING);
            }
            if (lower == 'q' && dialect == SqlDialect.ORACLE && pos + 2 < length) {
                return oracleQuoted(pos + 2);
            }
        }
        if (lower == 'u' && has(pos + 1, '&') && has(pos + 2, '\'')) {
            pos += 3;
            return quoted('\'', false, SqlTokenType.STRING);
        }
        if (lower == 'n' && dialect == SqlDialect.ORACLE && pos + 2 < length && (at(pos + 1) | 0x20) == 'q'
                && has(pos + 2, '\'') && pos + 3 < length) {
            return oracleQuoted(pos + 3);
        }
        return word();
    }

    private SqlTokenType oracleQuoted(int delimiterAt) {
        char open = at(delimiterAt);
        char close = open == '[' ? ']' : open == '(' ? ')' : open == '{' ? '}' : open == '<' ? '>' : open;
        pos = delimiterAt + 1;
        while (pos < length) {
            if (at(pos) == close && has(pos + 1, '\'')) {
                pos += 2;
                return SqlTokenType.STRING;
            }
            pos++;
        }
        return SqlTokenType.STRING;
    }

    private SqlTokenType word() {
        pos++;
        skipWord();
        return SqlTokenType.WORD;
    }

    private SqlTokenType operator() {
        char c = at(pos);
        pos++;
        if (pos < length) {
            char d = at(pos);
            if (isOperatorPair(c, d)) {
                pos++;
                if (c == '<' && d == '=' && has(pos, '>')) {
                    pos++;
                } else if (c == '-' && d == '>' && has(pos, '>')) {
                    pos++;
                }
            }
        }
        return SqlTokenType.OPERATOR;
    }

    private static boolean isOperatorPair(char c, char d) {
        switch (c) {
            case '<': return d == '=' || d == '>' || d == '<';
            case '>': return d == '=' || d == '>';
            case '!': return d == '=';
            case '|': return d == '|';
            case '&': return d == '&';
            case ':': return d == ':' || d == '=';
            case '-': return d == '>';
            case '=': return d == '>';
            default: return false;
        }
    }

    private void skipDigits() {
        int p = pos;
        while (p < length && isDigit(text.charAt(p))) {
            p++;
        }
        readUpTo(p);
    }

    private void skipWord() {
        int p = pos;
        while (p < length && isWordPart(text.charAt(p))) {
            p++;
        }
        readUpTo(p);
    }

    private boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0x80 && !isSpace(c));
    }

    /**
     * {@link #isWordStart}, digits, {@code $}, and {@code #} only where the database says so (SQL Server temp tables,
     * Oracle names). ASCII is answered from a table: most of a statement's characters pass through here.
     */
    private boolean isWordPart(char c) {
        if (c < 0x80) {
            return ASCII_WORD_PART[c] || (c == '#' && hashInWords);
        }
        return !isSpace(c);
    }

    private static final boolean[] ASCII_WORD_PART = new boolean[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII_WORD_PART[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || isDigit(c)
                    || c == '$';
        }
    }

    private static boolean isDollarTagPart(char c, boolean first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80 || (!first && isDigit(c));
    }

    /** Unicode spaces count: a database that treats one as a separator must not see two words where we see one. */
    static boolean isSpace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r'); // tab, line feed, vertical tab, form feed, return
        }
        return c >= 0x80 && (Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    }

    private static boolean isBinaryDigit(char c) {
        return c == '0' || c == '1';
    }
}
