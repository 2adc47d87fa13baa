package io.bulwark.policies.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Linear time, shown by counting work on crafted worst cases (timing on a shared machine proves nothing).
 * Each case is checked at two sizes: the work must stay within a small constant per character at both.
 */
class LinearWorkTest {
    private static final int N = 40_000;
    private final InjectionEngine engine = new InjectionEngine();

    private static void assertLinear(long work, int length, int perChar) {
        assertThat(work).isLessThanOrEqualTo((long) perChar * length);
    }

    private static WorkCounter lexSql(String sql, SqlDialect dialect) {
        WorkCounter work = new WorkCounter();
        SqlLexer.lex(sql, dialect, work);
        return work;
    }

    private static WorkCounter lexShell(String script, ShellSyntax syntax) {
        WorkCounter work = new WorkCounter();
        ShellLexer.lex(script, syntax, work);
        return work;
    }

    @Test
    void sqlLexerIsLinearOnPathologicalText() {
        List<String> seeds = List.of("/*", "'", "''", "$a$", "$", "\\'", "--\n", "/*!", "0x", "1e", "q'[", "`", "[",
                "\"", "E'\\", "-", "@@", ":", "?");
        for (String seed : seeds) {
            for (SqlDialect dialect : SqlDialect.values()) {
                for (int size : new int[] {N / 2, N}) {
                    String sql = seed.repeat(size / seed.length());
                    WorkCounter work = lexSql(sql, dialect);
                    assertLinear(work.charsScanned(), sql.length(), 8);
                    assertThat(work.tokensProduced()).isLessThanOrEqualTo(sql.length());
                }
            }
        }
    }

    @Test
    void dollarQuoteTagsAreComparedAtMostTagLengthPerDollar() {
        String tag = "$" + "t".repeat(64) + "$";
        String sql = tag + "$t$".repeat(N / 3);
        WorkCounter work = lexSql(sql, SqlDialect.POSTGRESQL);
        assertLinear(work.charsScanned(), sql.length(), 70);
    }

    @Test
    void shellLexerIsLinearOnPathologicalText() {
        List<String> seeds = List.of("$(", "`", "\"", "'", "${", "$((", "\\", "<(", "a ", "-", "#\n",
                "$'", "%a", "^", "<#", "@(", "|", ";", ">");
        for (String seed : seeds) {
            for (ShellSyntax syntax : ShellSyntax.values()) {
                for (int size : new int[] {N / 2, N}) {
                    String script = seed.repeat(size / seed.length());
                    WorkCounter work = lexShell(script, syntax);
                    assertLinear(work.charsScanned(), script.length(), 8);
                    assertThat(work.tokensProduced()).isLessThanOrEqualTo(script.length());
                }
            }
        }
    }

    @Test
    void braceLookAheadIsCappedAtAConstantPerBrace() {
        for (String seed : List.of("{", "{a,", "{a}")) {
            String script = seed.repeat(N / seed.length());
            WorkCounter work = lexShell(script, ShellSyntax.POSIX);
            assertLinear(work.charsScanned(), script.length(), 260);
        }
    }

    @Test
    void matcherIsLinearForLongInputsThatAlmostMatchEverywhere() {
        String text = "a".repeat(N);
        String input = "a".repeat(N / 2) + "b";
        WorkCounter work = new WorkCounter();
        assertThat(engine.checkSql(text, SqlDialect.GENERIC, List.of(Input.value(InputSource.JSON, "$.x", input)),
                work)).isNull();
        assertLinear(work.charsScanned(), text.length(), 3);
    }

    @Test
    void overlappingOccurrencesOfALongInputCostNoMoreThanTheText() {
        String text = "SELECT '" + "a".repeat(N) + "'";
        WorkCounter work = new WorkCounter();
        Finding finding = engine.checkSql(text, SqlDialect.GENERIC,
                List.of(Input.value(InputSource.JSON, "$.x", "a".repeat(100))), work);
        assertThat(finding).isNull();
        assertLinear(work.charsScanned(), text.length(), 4);
    }

    @Test
    void anInputThatOccursEverywhereIsJudgedInLinearWork() {
        String sql = "SELECT * FROM t WHERE id IN (" + "1,".repeat(N / 2) + "1)";
        WorkCounter work = new WorkCounter();
        assertThat(engine.checkSql(sql, SqlDialect.GENERIC, List.of(Input.value(InputSource.QUERY, "id", "1")), work))
                .isNull();
        assertLinear(work.charsScanned(), sql.length(), 6);
        assertThat(work.tokensProduced()).isLessThanOrEqualTo(sql.length());
    }

    @Test
    void noOccurrenceMeansNoLexing() {
        WorkCounter work = new WorkCounter();
        String sql = "SELECT id, name, email FROM users WHERE tenant = 7 AND active = 1 ORDER BY name";
        assertThat(engine.checkSql(sql, SqlDialect.MYSQL, List.of(Input.value(InputSource.QUERY, "q", "zebra")), work))
                .isNull();
        assertThat(work.tokensProduced()).isZero();
    }
}
