package io.bulwark.policies.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    private static List<String> lex(String sql, SqlDialect dialect) {
        SqlTokens tokens = SqlLexer.lex(sql, dialect, null);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            out.add(tokens.type(i) + ":" + tokens.text(i));
        }
        return out;
    }

    @Test
    void splitsAPlainStatement() {
        assertThat(lex("SELECT a, b FROM t WHERE x >= 1.5e3 AND y <> 'it''s'", SqlDialect.GENERIC)).containsExactly(
                "WORD:SELECT", "WORD:a", "PUNCTUATION:,", "WORD:b", "WORD:FROM", "WORD:t", "WORD:WHERE", "WORD:x",
                "OPERATOR:>=", "NUMBER:1.5e3", "WORD:AND", "WORD:y", "OPERATOR:<>", "STRING:'it''s'");
    }

    @Test
    void mysqlBackslashEscapesKeepTheLiteralOpen() {
        assertThat(lex("'a\\' OR 1=1 -- '", SqlDialect.MYSQL)).containsExactly("STRING:'a\\' OR 1=1 -- '");
        assertThat(lex("'a\\' OR 1=1 -- '", SqlDialect.POSTGRESQL)).first().isEqualTo("STRING:'a\\'");
    }

    @Test
    void postgresEStringsAndDollarQuotes() {
        assertThat(lex("E'a\\'b' $tag$ it's $x$ $tag$ $1", SqlDialect.POSTGRESQL)).containsExactly(
                "STRING:E'a\\'b'", "STRING:$tag$ it's $x$ $tag$", "PARAMETER:$1");
    }

    @Test
    void commentsFollowEachDialect() {
        assertThat(lex("1 # c", SqlDialect.MYSQL)).containsExactly("NUMBER:1", "COMMENT:# c");
        assertThat(lex("1 # c", SqlDialect.POSTGRESQL)).contains("OPERATOR:#");
        assertThat(lex("1--x", SqlDialect.MYSQL)).doesNotContain("COMMENT:--x");
        assertThat(lex("1--x", SqlDialect.H2)).containsExactly("NUMBER:1", "COMMENT:--x");
        assertThat(lex("/* a /* b */ c */ 1", SqlDialect.POSTGRESQL)).containsExactly(
                "COMMENT:/* a /* b */ c */", "NUMBER:1");
        assertThat(lex("/* a /* b */ c */ 1", SqlDialect.MYSQL)).first().isEqualTo("COMMENT:/* a /* b */");
    }

    @Test
    void mysqlExecutableCommentsAreCode() {
        assertThat(lex("1 /*!50000UNION*/ SELECT", SqlDialect.MYSQL)).containsExactly("NUMBER:1",
                "EXECUTABLE_COMMENT:/*!50000", "WORD:UNION", "EXECUTABLE_COMMENT:*/", "WORD:SELECT");
    }

    @Test
    void quotedIdentifiersPerDialect() {
        assertThat(lex("[a b] `c` \"d\"", SqlDialect.SQLSERVER)).containsExactly("QUOTED_IDENTIFIER:[a b]",
                "OPERATOR:`", "WORD:c", "OPERATOR:`", "QUOTED_IDENTIFIER:\"d\"");
        assertThat(lex("`c` \"d\"", SqlDialect.MYSQL)).containsExactly("QUOTED_IDENTIFIER:`c`", "STRING:\"d\"");
    }

    @Test
    void prefixedStringsNumbersAndParameters() {
        assertThat(lex("N'x' X'0F' 0x1F 0b101 .5 ? ?2 :name @v @@version q'[it's]'", SqlDialect.ORACLE))
                .containsExactly("STRING:N'x'", "STRING:X'0F'", "NUMBER:0x1F", "NUMBER:0b101", "NUMBER:.5",
                        "PARAMETER:?", "PARAMETER:?2", "PARAMETER::name", "VARIABLE:@v", "VARIABLE:@@version",
                        "STRING:q'[it's]'");
        assertThat(lex("a::int", SqlDialect.POSTGRESQL)).containsExactly("WORD:a", "OPERATOR:::", "WORD:int");
    }

    @Test
    void unicodeSpacesSeparateWords() {
        assertThat(lex("1\u00a0OR\u30001", SqlDialect.GENERIC)).containsExactly("NUMBER:1", "WORD:OR", "NUMBER:1");
    }

    @Test
    void unterminatedLiteralsAndCommentsRunToTheEnd() {
        assertThat(lex("'abc", SqlDialect.GENERIC)).containsExactly("STRING:'abc");
        assertThat(lex("1 /* x", SqlDialect.GENERIC)).containsExactly("NUMBER:1", "COMMENT:/* x");
    }
}
