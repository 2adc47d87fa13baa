package io.bulwark.policies.injection.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bulwark.policies.injection.SqlDialect;
import io.bulwark.policies.injection.SqlLexer;
import io.bulwark.policies.injection.SqlTokenType;
import io.bulwark.policies.injection.SqlTokens;
import io.bulwark.policies.injection.WorkCounter;

/**
 * SqlLexer on any text in every dialect. Input layout: one byte picks the dialect ({@code '1'..'7'} are H2,
 * PostgreSQL, MySQL, SQL Server, Oracle, SQLite, generic), one picks backslash escaping ({@code '0'} the dialect's
 * default, {@code '1'} off, {@code '2'} on), the rest is the SQL text.
 */
class SqlLexerFuzzTest {
    private static final SqlDialect[] DIALECTS = SqlDialect.values();

    @FuzzTest(maxDuration = "3m")
    void tokensTileTheTextInLinearWork(byte[] data) {
        FuzzBytes in = FuzzBytes.of(data);
        SqlDialect dialect = DIALECTS[in.choose(DIALECTS.length)];
        int escapes = in.choose(3);
        String sql = in.text();

        WorkCounter work = new WorkCounter();
        SqlTokens tokens = escapes == 0 ? SqlLexer.lex(sql, dialect, work)
                : SqlLexer.lex(sql, dialect, escapes == 2, work);

        TokenSpans.assertTile(sql, tokens.size(), tokens::start, tokens::end, SqlLexerFuzzTest::whitespace);
        for (int i = 0; i < tokens.size(); i++) {
            assertKindMatchesText(tokens, i);
        }
        if (work.tokensProduced() != tokens.size()) {
            throw new AssertionError("counted " + work.tokensProduced() + " tokens, produced " + tokens.size());
        }
        WorkBounds.assertAtMost(work.charsScanned(), WorkBounds.sqlLexing(dialect, sql.length()),
                "characters scanned lexing " + sql.length() + " chars as " + dialect);
    }

    /** What SqlLexer skips between tokens; Unicode spaces count, as the lexer's own comment explains. */
    static int whitespace(String text, int i, int end) {
        char c = text.charAt(i);
        boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B
                || (c >= 0x80 && (Character.isWhitespace(c) || Character.isSpaceChar(c)));
        return space ? 1 : 0;
    }

    /** The cheap facts each kind implies about its first characters; a mislabelled token is judged wrongly. */
    private static void assertKindMatchesText(SqlTokens tokens, int i) {
        SqlTokenType type = tokens.type(i);
        String text = tokens.text(i);
        boolean ok;
        switch (type) {
            case COMMENT:
                ok = text.startsWith("--") || text.startsWith("#") || text.startsWith("/*");
                break;
            case EXECUTABLE_COMMENT:
                ok = text.startsWith("/*") || text.equals("*/");
                break;
            case NUMBER:
                ok = Character.isDigit(text.charAt(0)) || text.charAt(0) == '.';
                break;
            case PARAMETER:
                ok = "?:$".indexOf(text.charAt(0)) >= 0;
                break;
            case VARIABLE:
                ok = text.charAt(0) == '@' && text.length() > 1;
                break;
            default:
                ok = true;
        }
        if (!ok) {
            throw new AssertionError(type + " token " + i + " cannot start like " + text.substring(0,
                    Math.min(8, text.length())));
        }
    }
}
