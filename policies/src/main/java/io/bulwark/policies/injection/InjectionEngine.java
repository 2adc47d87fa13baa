package io.bulwark.policies.injection;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether request inputs changed the structure of a SQL statement or a command about to run
 * (DESIGN.md, "judge structure, not words"). Thread-safe. The one thing kept between calls is the sketch and
 * structure of the last few SQL texts checked ({@link SqlTextCache}, bounded), since apps run the same statement
 * text again and again; a verdict never depends on it.
 *
 * <p>The common case is that no input occurs in the sink text at all: that costs a sketch of the text (none for a
 * text checked lately) and a few bit tests or one vectorised {@code indexOf} per input, and allocates nothing for
 * a text checked lately. Text is lexed only when an input occurs in it, and a text lexed lately is not lexed again.
 *
 * <p>Inputs that are empty or only whitespace are skipped: whitespace alone cannot add a keyword, an operator or
 * a program, and such inputs occur in nearly every sink. A single punctuation character is judged like any other
 * input: alone it stays inside one token (harmless) unless it starts a comment ({@code #} in MySQL), which it then
 * is reported as.
 */
public final class InjectionEngine {
    /** Above this many inputs, duplicates are skipped through a set; below it a set costs more than it saves. */
    private static final int DEDUPLICATE_ABOVE = 64;
    /** From this many inputs on, one pass to sketch the text pays for itself against one search per input. */
    private static final int SKETCH_FROM = 3;

    private final SqlTextCache sqlTexts = new SqlTextCache();

    public InjectionEngine() {
    }

    public static SqlDialect dialectOf(String jdbcUrl) {
        return SqlDialect.fromJdbcUrl(jdbcUrl);
    }

    /** The first input that changes the statement's structure, explained; null when the statement is clean. */
    public Finding checkSql(String sql, SqlDialect dialect, List<Input> inputs) {
        return checkSql(sql, dialect, inputs, null);
    }

    public Finding checkSql(String sql, SqlDialect dialect, List<Input> inputs, WorkCounter work) {
        if (sql == null || sql.isEmpty() || inputs == null || inputs.isEmpty()) {
            return null;
        }
        SqlDialect rules = dialect == null ? SqlDialect.GENERIC : dialect;
        // A counted check is not helped by the cache: its count is what a check of a new text costs.
        SqlText text = work == null ? sqlTexts.of(sql, rules) : new SqlText(sql, rules, work);
        Set<String> seen = inputs.size() > DEDUPLICATE_ABOVE ? new HashSet<>() : null;
        SinkSketch sketch = inputs.size() >= SKETCH_FROM ? text.sketch() : null;
        for (Input input : inputs) {
            String value = candidate(input, sql, seen);
            if (value == null) {
                continue;
            }
            Finding finding = checkSql(text, input, value, sketch, work);
            // Apps that escape by hand double the quotes first; the doubled text is what reaches the database, and
            // where a backslash escapes the quote before it (MySQL), doubling is no escaping at all.
            if (finding == null && value.indexOf('\'') >= 0) {
                String doubled = value.replace("'", "''");
                if (doubled.length() <= sql.length()) {
                    finding = checkSql(text, input, doubled, sketch, work);
                }
            }
            if (finding != null) {
                return finding;
            }
        }
        return null;
    }

    /** The finding for one input value in one text; the text is lexed only if the value occurs in it. */
    private static Finding checkSql(SqlText text, Input input, String value, SinkSketch sketch, WorkCounter work) {
        if (sketch != null && !sketch.mayContain(value)) {
            return null;
        }
        String sql = text.sql;
        // the usual input is short: searched without a matcher object
        InputMatcher matcher = InputMatcher.isShort(value) ? null : InputMatcher.of(sql, value, work);
        int at = occurrence(sql, matcher, value, 0, work);
        if (at < 0 || isBlank(value)) {
            return null;
        }
        SqlStructure primary = text.primary();
        SqlStructure alternate = text.alternate();
        for (; at >= 0; at = occurrence(sql, matcher, value, at + 1, work)) {
            int end = at + value.length();
            Finding finding = sqlFinding(primary, input, at, end, text.dialect, false);
            if (finding == null && alternate != null) {
                finding = sqlFinding(alternate, input, at, end, text.dialect, true);
            }
            if (finding != null) {
                return finding;
            }
        }
        return null;
    }

    private static int occurrence(String sql, InputMatcher matcher, String value, int from, WorkCounter work) {
        return matcher == null ? InputMatcher.indexOf(sql, value, from, work) : matcher.next(from);
    }

    private static Finding sqlFinding(SqlStructure structure, Input input, int start, int end, SqlDialect dialect,
                                      boolean alternateEscapes) {
        String reason = structure.judge(start, end);
        if (reason == null) {
            return null;
        }
        String name = dialect.name().toLowerCase(Locale.ROOT);
        if (alternateEscapes) {
            name += dialect.backslashEscapes ? " (no backslash escapes)" : " (backslash escapes)";
        }
        return new Finding("sql", input, start, end, structure.masked(), structure.spanned(start, end), name,
                reason);
    }

    /** The first input that changes what the command runs, explained; null when the command is clean. */
    public Finding checkCommand(String[] argv, List<Input> inputs) {
        return checkCommand(argv, inputs, null);
    }

    public Finding checkCommand(String[] argv, List<Input> inputs, WorkCounter work) {
        if (argv == null || argv.length == 0 || inputs == null || inputs.isEmpty()) {
            return null;
        }
        CommandLine command = null;
        ArgvStructure argvStructure = null;
        ShellTokens scriptTokens = null;
        ShellStructure scriptStructure = null;
        Set<String> seen = inputs.size() > DEDUPLICATE_ABOVE ? new HashSet<>() : null;
        SinkSketch sketch = null;
        String line = null;
        for (Input input : inputs) {
            if (line == null) {
                command = CommandLine.of(argv);
                line = command.line;
                sketch = inputs.size() >= SKETCH_FROM ? new SinkSketch(line, work) : null;
            }
            String value = candidate(input, line, seen);
            if (value == null || (sketch != null && !sketch.mayContain(value))) {
                continue;
            }
            InputMatcher matcher = InputMatcher.of(line, value, work);
            int at = matcher.next(0);
            if (at < 0 || isBlank(value)) {
                continue;
            }
            if (argvStructure == null) {
                argvStructure = new ArgvStructure(command);
                if (command.syntax != null) {
                    scriptTokens = ShellLexer.lex(command.script(), command.syntax, work);
                    scriptStructure = new ShellStructure(scriptTokens);
                }
            }
            Finding programWord = null;
            boolean harmlessElsewhere = false;
            for (; at >= 0; at = matcher.next(at + 1)) {
                int end = at + value.length();
                String reason = argvStructure.judge(at, end);
                boolean inScript = scriptStructure != null && at >= command.scriptStart && end <= command.scriptEnd;
                if (reason == null && inScript) {
                    reason = scriptStructure.judge(at - command.scriptStart, end - command.scriptStart);
                }
                if (reason == null) {
                    harmlessElsewhere = true;
                    continue;
                }
                List<String> tokens = inScript
                        ? scriptStructure.spanned(at - command.scriptStart, end - command.scriptStart)
                        : argvStructure.spanned(at, end);
                String dialect = inScript ? command.syntax.name().toLowerCase(Locale.ROOT) : "argv";
                Finding finding = new Finding("shell", input, at, end, argvStructure.masked(scriptTokens), tokens,
                        dialect, reason);
                if (!reason.startsWith(BECOMES_PROGRAM)) {
                    return finding;
                }
                if (programWord == null) {
                    programWord = finding;
                }
            }
            // An input that is exactly a program name the app runs ("echo" sent to `sh -c "echo PING " + host`)
            // matches the app's own command word too. When the input also occurs where it is a plain argument, that
            // is where the app put it, and the command word is the app's own text.
            if (programWord != null && !harmlessElsewhere) {
                return programWord;
            }
        }
        return null;
    }

    private static final String BECOMES_PROGRAM = "input becomes the program";

    /** The input's value when it could occur in {@code text} and was not checked already; else null. */
    private static String candidate(Input input, String text, Set<String> seen) {
        if (input == null) {
            return null;
        }
        String value = input.value();
        if (value == null || value.isEmpty() || value.length() > text.length()) {
            return null;
        }
        if (seen != null && !seen.add(value)) {
            return null;
        }
        return value;
    }

    private static boolean isBlank(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isWhitespace(value.charAt(i)) && !Character.isSpaceChar(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
