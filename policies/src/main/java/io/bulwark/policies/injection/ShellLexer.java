package io.bulwark.policies.injection;

import java.util.Arrays;

/**
 * Splits a shell script into tokens the way the shell would, in one forward pass with an explicit stack for nested
 * quotes and substitutions (no recursion, so {@code $($($(...)))} cannot exhaust the thread's stack). Besides
 * tokens it records where each word's first character is (to spot {@code -option} words) and which words sit in
 * command position (to spot an input that becomes the program). Heredoc bodies are lexed as commands, which can
 * only add tokens.
 */
public final class ShellLexer {
    /** Brace expansions are short; capping the look-ahead keeps {@code {{{{...} linear. */
    private static final int MAX_BRACE_LOOKAHEAD = 256;

    private static final int COMMAND = 0;
    private static final int COMMAND_IN_PARENS = 1;
    private static final int COMMAND_IN_BACKTICKS = 2;
    private static final int DOUBLE_QUOTED = 3;

    /** What a piece adds to its word: literal text (which may start an option), expanded text, or only a quote. */
    private static final int LITERAL = 0;
    private static final int DYNAMIC = 1;
    private static final int NO_CONTENT = 2;

    private final String text;
    private final int length;
    private final ShellSyntax syntax;
    private final char escape;
    private final TokenList tokens = new TokenList();
    private final IntList optionStarts = new IntList();
    private final IntList commandWordStarts = new IntList();
    private final IntList commandWordEnds = new IntList();
    private int pos;
    private long reads;

    // The frame stack: one entry per open substitution or double quote.
    private int depth;
    private int[] kinds = new int[8];
    private int[] parens = new int[8];
    // Word state of each command frame (double-quoted frames use their enclosing command frame's).
    private boolean[] inWord = new boolean[8];
    private boolean[] wordHasContent = new boolean[8];
    private boolean[] atCommandPosition = new boolean[8];
    private boolean[] afterRedirection = new boolean[8];
    private int[] commandWordIndex = new int[8];

    private ShellLexer(String text, ShellSyntax syntax) {
        this.text = text;
        this.length = text.length();
        this.syntax = syntax;
        this.escape = syntax == ShellSyntax.POWERSHELL ? '`' : syntax == ShellSyntax.CMD ? '^' : '\\';
        kinds[0] = COMMAND;
        atCommandPosition[0] = true;
        commandWordIndex[0] = -1;
    }

    public static ShellTokens lex(String script, ShellSyntax syntax, WorkCounter work) {
        ShellLexer lexer = new ShellLexer(script, syntax);
        lexer.run();
        if (work != null) {
            work.scanned(lexer.reads);
            work.produced(lexer.tokens.size());
        }
        return new ShellTokens(script, syntax, lexer.tokens, lexer.optionStarts.toArray(),
                lexer.commandWordStarts.toArray(), lexer.commandWordEnds.toArray());
    }

    private char at(int i) {
        reads++;
        return text.charAt(i);
    }

    private boolean has(int i, char c) {
        return i < length && at(i) == c;
    }

    private void run() {
        while (pos < length) {
            if (kinds[depth] == DOUBLE_QUOTED) {
                doubleQuoted();
            } else {
                command();
            }
        }
        while (depth >= 0) {
            if (kinds[depth] != DOUBLE_QUOTED) {
                endWord(depth);
            }
            depth--;
        }
    }

    private int owner() {
        int frame = depth;
        while (kinds[frame] == DOUBLE_QUOTED) {
            frame--;
        }
        return frame;
    }

    private void emit(ShellTokenType type, int start) {
        tokens.add(type.ordinal(), start, pos);
    }

    private void command() {
        int start = pos;
        char c = at(pos);
        int frame = depth;
        if (c == ' ' || c == '\t' || (c == '\r' && syntax != ShellSyntax.POSIX)) {
            pos++;
            endWord(frame);
            return;
        }
        if (c == '\n') {
            pos++;
            endWord(frame);
            emit(ShellTokenType.OPERATOR, start);
            atCommandPosition[frame] = true;
            return;
        }
        if (c == escape) {
            if (pos + 1 < length && at(pos + 1) == '\n') {
                pos += 2; // line continuation
                return;
            }
            pos = Math.min(length, pos + 2);
            wordPiece(ShellTokenType.WORD, start, start + 1, false);
            return;
        }
        if (isCommentStart(c, frame)) {
            comment();
            emit(ShellTokenType.COMMENT, start);
            return;
        }
        if (c == '\'' && syntax != ShellSyntax.CMD) {
            pos++;
            singleQuoted();
            wordPiece(ShellTokenType.SINGLE_QUOTED, start, start + 1, false);
            return;
        }
        if (c == '"') {
            pos++;
            if (syntax == ShellSyntax.CMD) {
                cmdQuoted(start);
                return;
            }
            openWord(frame, start + 1, NO_CONTENT);
            emit(ShellTokenType.DOUBLE_QUOTE, start);
            push(DOUBLE_QUOTED);
            return;
        }
        if (c == '`' && syntax == ShellSyntax.POSIX) {
            pos++;
            if (kinds[frame] == COMMAND_IN_BACKTICKS) {
                endWord(frame);
                emit(ShellTokenType.SUBSTITUTION_CLOSE, start);
                depth--;
            } else {
                openWord(frame, start, DYNAMIC);
                emit(ShellTokenType.SUBSTITUTION_OPEN, start);
                push(COMMAND_IN_BACKTICKS);
            }
            return;
        }
        if (c == '$' && dollar(start, false)) {
            return;
        }
        if (c == '%' && syntax == ShellSyntax.CMD && cmdVariable()) {
            wordPiece(ShellTokenType.VARIABLE, start, start, true);
            return;
        }
        if (c == '@' && syntax == ShellSyntax.POWERSHELL && has(pos + 1, '(')) {
            pos += 2;
            openSubstitution(frame, start);
            return;
        }
        if (c == ')' && kinds[frame] == COMMAND_IN_PARENS && parens[frame] == 0) {
            pos++;
            endWord(frame);
            emit(ShellTokenType.SUBSTITUTION_CLOSE, start);
            depth--;
            return;
        }
        if ((c == '<' || c == '>') && syntax != ShellSyntax.CMD && has(pos + 1, '(') && syntax == ShellSyntax.POSIX) {
            pos += 2;
            openSubstitution(frame, start);
            return;
        }
        if (c == '<' || c == '>' || (c == '&' && has(pos + 1, '>'))) {
            redirection(c);
            endWord(frame);
            emit(ShellTokenType.REDIRECTION, start);
            afterRedirection[frame] = true;
            return;
        }
        if (isOperator(c)) {
            operator(c, frame);
            endWord(frame);
            emit(ShellTokenType.OPERATOR, start);
            atCommandPosition[frame] = true;
            afterRedirection[frame] = false;
            return;
        }
        if (c == '{' && syntax == ShellSyntax.POSIX && braceExpansion()) {
            wordPiece(ShellTokenType.BRACE_EXPANSION, start, start, true);
            return;
        }
        pos++;
        while (pos < length && isWordPart(at(pos))) {
            pos++;
        }
        wordPiece(ShellTokenType.WORD, start, start, false);
    }

    private boolean isCommentStart(char c, int frame) {
        if (syntax == ShellSyntax.CMD || c != '#' && !(c == '<' && syntax == ShellSyntax.POWERSHELL && has(pos + 1, '#'))) {
            return false;
        }
        return !inWord[frame] || syntax == ShellSyntax.POWERSHELL && c == '<';
    }

    private void comment() {
        if (at(pos) == '<') {
            pos += 2;
            while (pos < length) {
                if (at(pos) == '#' && has(pos + 1, '>')) {
                    pos += 2;
                    return;
                }
                pos++;
            }
            return;
        }
        while (pos < length && at(pos) != '\n') {
            pos++;
        }
    }

    private void singleQuoted() {
        while (pos < length) {
            char c = at(pos);
            pos++;
            if (c == '\'') {
                if (syntax == ShellSyntax.POWERSHELL && has(pos, '\'')) {
                    pos++;
                    continue;
                }
                return;
            }
        }
    }

    /** cmd.exe quotes have no escapes: everything up to the next quote is literal except {@code %name%}. */
    private void cmdQuoted(int start) {
        int frame = depth;
        int pieceStart = start;
        while (pos < length) {
            char c = at(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c == '%') {
                int variableStart = pos;
                if (cmdVariable()) {
                    int variableEnd = pos;
                    pos = variableStart;
                    if (pieceStart < pos) {
                        wordPiece(ShellTokenType.QUOTED_TEXT, pieceStart, pieceStart + (pieceStart == start ? 1 : 0), false);
                    }
                    pos = variableEnd;
                    wordPiece(ShellTokenType.VARIABLE, variableStart, variableStart, true);
                    pieceStart = pos;
                    continue;
                }
            }
            pos++;
        }
        if (pieceStart < pos) {
            wordPiece(ShellTokenType.QUOTED_TEXT, pieceStart, pieceStart + (pieceStart == start ? 1 : 0), false);
        } else {
            openWord(frame, start, NO_CONTENT);
        }
    }

    private boolean cmdVariable() {
        int end = pos + 1;
        while (end < length && end - pos < 256 && isNameChar(at(end))) {
            end++;
        }
        if (end > pos + 1 && has(end, '%')) {
            pos = end + 1;
            return true;
        }
        return false;
    }

    private void doubleQuoted() {
        int start = pos;
        char c = at(pos);
        if (c == '"') {
            if (syntax == ShellSyntax.POWERSHELL && has(pos + 1, '"')) {
                pos += 2;
                literalInQuotes(start);
                return;
            }
            pos++;
            emit(ShellTokenType.DOUBLE_QUOTE, start);
            depth--;
            return;
        }
        if (c == '$' && dollar(start, true)) {
            return;
        }
        if (c == '`' && syntax == ShellSyntax.POSIX) {
            pos++;
            openWord(owner(), start, DYNAMIC);
            emit(ShellTokenType.SUBSTITUTION_OPEN, start);
            push(COMMAND_IN_BACKTICKS);
            return;
        }
        pos++;
        if (c == escape) {
            pos = Math.min(length, pos + 1);
        }
        literalInQuotes(start);
    }

    private void literalInQuotes(int start) {
        while (pos < length) {
            char c = at(pos);
            if (c == '"' || c == '$' || (c == '`' && syntax == ShellSyntax.POSIX)) {
                break;
            }
            pos += c == escape ? 2 : 1;
        }
        pos = Math.min(pos, length);
        wordPiece(ShellTokenType.QUOTED_TEXT, start, start, false);
    }

    /** Handles what a {@code $} starts; false when it is a literal dollar sign. */
    private boolean dollar(int start, boolean quoted) {
        int frame = owner();
        if (syntax == ShellSyntax.CMD || pos + 1 >= length) {
            return false;
        }
        char next = at(pos + 1);
        if (next == '(') {
            if (syntax == ShellSyntax.POSIX && has(pos + 2, '(')) {
                pos += 3;
                skipBalanced('(', ')', 2);
                wordPiece(ShellTokenType.ARITHMETIC, start, start, true);
                return true;
            }
            pos += 2;
            openSubstitution(frame, start);
            return true;
        }
        if (next == '{') {
            pos += 2;
            skipBalanced('{', '}', 1);
            wordPiece(ShellTokenType.PARAMETER_EXPANSION, start, start, true);
            return true;
        }
        if (next == '\'' && !quoted && syntax == ShellSyntax.POSIX) {
            pos += 2;
            ansiC();
            wordPiece(ShellTokenType.ANSI_C_QUOTED, start, start + 2, false);
            return true;
        }
        if (isNameStart(next)) {
            pos += 2;
            while (pos < length && isNameChar(at(pos))) {
                pos++;
            }
            wordPiece(ShellTokenType.VARIABLE, start, start, true);
            return true;
        }
        if (syntax == ShellSyntax.POSIX && (isDigit(next) || "@*#?$!-".indexOf(next) >= 0)) {
            pos += 2;
            wordPiece(ShellTokenType.VARIABLE, start, start, true);
            return true;
        }
        return false;
    }

    private void openSubstitution(int frame, int start) {
        openWord(frame, start, DYNAMIC);
        emit(ShellTokenType.SUBSTITUTION_OPEN, start);
        push(COMMAND_IN_PARENS);
    }

    private void ansiC() {
        while (pos < length) {
            char c = at(pos);
            pos++;
            if (c == '\\') {
                pos = Math.min(length, pos + 1);
            } else if (c == '\'') {
                return;
            }
        }
    }

    /** Skips to the close that balances {@code open}; quotes inside are honoured so a quoted brace does not count. */
    private void skipBalanced(char open, char close, int needed) {
        int level = needed;
        while (pos < length) {
            char c = at(pos);
            pos++;
            if (c == escape) {
                pos = Math.min(length, pos + 1);
            } else if (c == '\'' && syntax == ShellSyntax.POSIX) {
                singleQuoted();
            } else if (c == open) {
                level++;
            } else if (c == close && --level == 0) {
                return;
            }
        }
    }

    private boolean braceExpansion() {
        int level = 0;
        boolean list = false;
        int limit = Math.min(length, pos + MAX_BRACE_LOOKAHEAD);
        for (int i = pos; i < limit; i++) {
            char c = at(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                level++;
            } else if (c == '}') {
                if (--level == 0) {
                    if (list) {
                        pos = i + 1;
                    }
                    return list;
                }
            } else if (c == ',' || (c == '.' && i + 1 < limit && at(i + 1) == '.')) {
                list |= level == 1;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '|' || c == '&' || c == '<'
                    || c == '>' || c == '(' || c == ')' || c == '\'' || c == '"' || c == '$' || c == '`') {
                return false;
            }
        }
        return false;
    }

    private void redirection(char c) {
        pos++;
        if (c == '&') {
            pos++; // &>
            if (has(pos, '>')) {
                pos++;
            }
            return;
        }
        if (pos >= length) {
            return;
        }
        char d = at(pos);
        if (c == '<' && d == '<') {
            pos++;
            if (has(pos, '<') || has(pos, '-')) {
                pos++;
            }
        } else if (d == '&' || d == '>' || (c == '>' && d == '|') || (c == '<' && d == '>')) {
            pos++;
        }
    }

    private boolean isOperator(char c) {
        switch (c) {
            case ';': case '&': case '|': case '(': case ')':
                return true;
            case '{': case '}':
                return syntax == ShellSyntax.POWERSHELL;
            default:
                return false;
        }
    }

    private void operator(char c, int frame) {
        pos++;
        if (c == '(') {
            parens[frame]++;
            return;
        }
        if (c == ')') {
            parens[frame] = Math.max(0, parens[frame] - 1);
            return;
        }
        if (pos < length) {
            char d = at(pos);
            if ((c == ';' && (d == ';' || d == '&')) || (c == '&' && d == '&') || (c == '|' && (d == '|' || d == '&'))) {
                pos++;
            }
        }
    }

    private boolean isWordPart(char c) {
        switch (c) {
            case ' ': case '\t': case '\n': case ';': case '&': case '|': case '<': case '>': case '(': case ')':
            case '\'': case '"': case '$': case '{':
                return false;
            case '`':
                return syntax == ShellSyntax.CMD;
            case '%':
                return syntax != ShellSyntax.CMD;
            case '@': case '}':
                return syntax != ShellSyntax.POWERSHELL;
            default:
                return c != escape && c != '\r';
        }
    }

    /** A piece of the current word; {@code contentAt} is where its own text starts (past any quote). */
    private void wordPiece(ShellTokenType type, int start, int contentAt, boolean dynamic) {
        int frame = owner();
        openWord(frame, contentAt, dynamic ? DYNAMIC : LITERAL);
        tokens.add(type.ordinal(), start, pos);
    }

    private void openWord(int frame, int contentAt, int content) {
        if (!inWord[frame]) {
            inWord[frame] = true;
            wordHasContent[frame] = false;
            if (atCommandPosition[frame] && !afterRedirection[frame]) {
                commandWordIndex[frame] = commandWordStarts.size();
                commandWordStarts.add(contentAt);
                commandWordEnds.add(length);
            }
        }
        if (content != NO_CONTENT && !wordHasContent[frame] && contentAt < length) {
            wordHasContent[frame] = true;
            if (content == LITERAL && text.charAt(contentAt) == '-' && continuesWord(contentAt + 1)) {
                optionStarts.add(contentAt);
            }
        }
    }

    /** Whether the word goes on after {@code i}: a lone {@code -} is an operand (stdin), not an option. */
    private boolean continuesWord(int i) {
        if (i >= length) {
            return false;
        }
        char c = at(i);
        if (c == '\'' || c == '"') {
            return i + 1 < length && isWordPart(at(i + 1));
        }
        return isWordPart(c) || c == '$' || c == '{';
    }

    private void endWord(int frame) {
        if (!inWord[frame]) {
            return;
        }
        inWord[frame] = false;
        if (commandWordIndex[frame] >= 0) {
            commandWordEnds.set(commandWordIndex[frame], pos - 1 < 0 ? 0 : lastWordEnd());
            commandWordIndex[frame] = -1;
            atCommandPosition[frame] = false;
        } else if (afterRedirection[frame]) {
            afterRedirection[frame] = false;
        } else {
            atCommandPosition[frame] = false;
        }
    }

    /** The end of the last token emitted: the word ended there, whatever separator the lexer has just read. */
    private int lastWordEnd() {
        return tokens.size() == 0 ? pos : tokens.end(tokens.size() - 1);
    }

    private void push(int kind) {
        depth++;
        if (depth == kinds.length) {
            int capacity = depth * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            parens = Arrays.copyOf(parens, capacity);
            inWord = Arrays.copyOf(inWord, capacity);
            wordHasContent = Arrays.copyOf(wordHasContent, capacity);
            atCommandPosition = Arrays.copyOf(atCommandPosition, capacity);
            afterRedirection = Arrays.copyOf(afterRedirection, capacity);
            commandWordIndex = Arrays.copyOf(commandWordIndex, capacity);
        }
        kinds[depth] = kind;
        parens[depth] = 0;
        inWord[depth] = false;
        wordHasContent[depth] = false;
        atCommandPosition[depth] = kind != DOUBLE_QUOTED;
        afterRedirection[depth] = false;
        commandWordIndex[depth] = -1;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A growable int array: positions are recorded per word, and words are bounded by the text. */
    static final class IntList {
        private int[] values = new int[8];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void set(int index, int value) {
            values[index] = value;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
