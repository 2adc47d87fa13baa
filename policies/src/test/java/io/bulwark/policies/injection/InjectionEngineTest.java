package io.bulwark.policies.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InjectionEngineTest {
    private final InjectionEngine engine = new InjectionEngine();

    private static List<Input> query(String name, String value) {
        return List.of(Input.value(InputSource.QUERY, name, value));
    }

    @Test
    void dialectComesFromTheJdbcUrl() {
        assertThat(InjectionEngine.dialectOf("jdbc:h2:mem:test")).isEqualTo(SqlDialect.H2);
        assertThat(InjectionEngine.dialectOf("jdbc:postgresql://db/app")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(InjectionEngine.dialectOf("jdbc:mariadb://db/app")).isEqualTo(SqlDialect.MYSQL);
        assertThat(InjectionEngine.dialectOf("jdbc:mysql://db/app")).isEqualTo(SqlDialect.MYSQL);
        assertThat(InjectionEngine.dialectOf("jdbc:sqlserver://db;databaseName=x")).isEqualTo(SqlDialect.SQLSERVER);
        assertThat(InjectionEngine.dialectOf("jdbc:jtds:sqlserver://db")).isEqualTo(SqlDialect.SQLSERVER);
        assertThat(InjectionEngine.dialectOf("jdbc:oracle:thin:@db:1521:x")).isEqualTo(SqlDialect.ORACLE);
        assertThat(InjectionEngine.dialectOf("jdbc:sqlite:/tmp/x.db")).isEqualTo(SqlDialect.SQLITE);
        assertThat(InjectionEngine.dialectOf("jdbc:p6spy:mysql://db/app")).isEqualTo(SqlDialect.MYSQL);
        assertThat(InjectionEngine.dialectOf("jdbc:hsqldb:mem:x")).isEqualTo(SqlDialect.GENERIC);
        assertThat(InjectionEngine.dialectOf("jdbc:unknown:x")).isEqualTo(SqlDialect.GENERIC);
        assertThat(InjectionEngine.dialectOf(null)).isEqualTo(SqlDialect.GENERIC);
    }

    @Test
    void findingExplainsItselfWithLiteralsMasked() {
        String sql = "SELECT * FROM users WHERE name = '' OR '1'='1' AND secret = 'hunter2'";
        Finding f = engine.checkSql(sql, SqlDialect.H2, query("name", "' OR '1'='1"));
        assertThat(f).isNotNull();
        assertThat(f.kind()).isEqualTo("sql");
        assertThat(f.input().reference()).isEqualTo("query:name");
        assertThat(sql.substring(f.start(), f.end())).isEqualTo("' OR '1'='1");
        assertThat(f.maskedSink()).isEqualTo("SELECT * FROM users WHERE name = ? OR ?=? AND secret = ?")
                .doesNotContain("hunter2");
        assertThat(f.tokens()).containsExactly("STRING:?", "WORD:OR", "STRING:?", "OPERATOR:=", "STRING:?");
        assertThat(f.dialect()).isEqualTo("h2");
        assertThat(f.reason()).contains("WORD OR");
    }

    @Test
    void shortInputsFollowTheTokenRuleWithNoLengthCutOff() {
        assertThat(engine.checkSql("SELECT * FROM t WHERE id = 1 or 1=1", SqlDialect.GENERIC, query("id", "1 or 1=1")))
                .isNotNull();
        // "1" occurs in many tokens here, each time inside one token.
        assertThat(engine.checkSql("SELECT c1 FROM t1 WHERE id = 1 AND x = '1' LIMIT 10", SqlDialect.GENERIC,
                query("id", "1"))).isNull();
        assertThat(engine.checkSql("SELECT * FROM t WHERE a = 1 OR b = 2", SqlDialect.GENERIC, query("q", "OR")))
                .isNull();
    }

    @Test
    void literalListsSignsAndSortDirectionsAreTheAppsIntent() {
        assertThat(engine.checkSql("SELECT * FROM t WHERE id IN (1,2,3)", SqlDialect.GENERIC, query("ids", "1,2,3")))
                .isNull();
        assertThat(engine.checkSql("SELECT * FROM t WHERE v IN ('a','b')", SqlDialect.GENERIC, query("v", "a','b")))
                .isNull();
        assertThat(engine.checkSql("SELECT * FROM t WHERE x = -5", SqlDialect.GENERIC, query("x", "-5"))).isNull();
        assertThat(engine.checkSql("SELECT * FROM t ORDER BY name DESC", SqlDialect.GENERIC, query("s", "name DESC")))
                .isNull();
        // Arithmetic is not a value list: sqlmap probes with it.
        assertThat(engine.checkSql("SELECT * FROM t WHERE id = 2-1", SqlDialect.GENERIC, query("id", "2-1")))
                .isNotNull();
        assertThat(engine.checkSql("SELECT name, password FROM t", SqlDialect.GENERIC, query("c", "name, password")))
                .isNotNull();
    }

    @Test
    void whitespaceOnlyInputsAreSkippedAndLonePunctuationFollowsTheTokenRule() {
        assertThat(engine.checkSql("SELECT * FROM t WHERE a = 1", SqlDialect.GENERIC, query("q", " "))).isNull();
        assertThat(engine.checkSql("SELECT * FROM t WHERE a = 1;", SqlDialect.GENERIC, query("q", ";"))).isNull();
        Finding comment = engine.checkSql("SELECT * FROM t WHERE a = 1 # AND tenant = 2", SqlDialect.MYSQL,
                query("q", "#"));
        assertThat(comment).isNotNull();
        assertThat(comment.reason()).contains("comment");
    }

    @Test
    void backslashesAreJudgedUnderBothServerSettings() {
        // Standard SQL sees two literals; a MySQL-style server sees ' OR 1=1 -- outside any literal.
        String sql = "SELECT * FROM t WHERE a = '\\'' OR 1=1 -- '";
        Finding f = engine.checkSql(sql, SqlDialect.POSTGRESQL, query("a", "\\'' OR 1=1 -- "));
        assertThat(f).isNotNull();
        assertThat(f.dialect()).isEqualTo("postgresql (backslash escapes)");
    }

    @Test
    void boundParametersNeverMatch() {
        assertThat(engine.checkSql("SELECT * FROM t WHERE a = ?", SqlDialect.H2, query("a", "' OR '1'='1"))).isNull();
    }

    @Test
    void blamesTheInputThatChangedStructureNotABystander() {
        List<Input> inputs = List.of(Input.value(InputSource.QUERY, "page", "1"),
                Input.key(InputSource.JSON, "$.filter"),
                Input.value(InputSource.JSON, "$.filter.name", "x' OR 'a'='a"));
        Finding f = engine.checkSql("SELECT * FROM t WHERE page = 1 AND name = 'x' OR 'a'='a'", SqlDialect.H2,
                inputs);
        assertThat(f.input().reference()).isEqualTo("json:$.filter.name");
    }

    @Test
    void shellScriptsThroughEnvAndAbsolutePaths() {
        String[] argv = {"/usr/bin/env", "-i", "PATH=/bin", "/bin/bash", "-lc", "ls /data/x; id"};
        Finding f = engine.checkCommand(argv, query("dir", "x; id"));
        assertThat(f).isNotNull();
        assertThat(f.kind()).isEqualTo("shell");
        assertThat(f.dialect()).isEqualTo("posix");
        assertThat(f.tokens()).contains("OPERATOR:;");
        assertThat(String.join(" ", argv).substring(f.start(), f.end())).isEqualTo("x; id");
    }

    @Test
    void argvWithoutAShellOnlyFearsProgramsAndOptions() {
        assertThat(engine.checkCommand(new String[] {"grep", "-F", "--", "; rm -rf / $(id)", "f"},
                query("q", "; rm -rf / $(id)"))).isNull();
        assertThat(engine.checkCommand(new String[] {"/opt/tools/convert", "a"}, query("tool", "convert")).reason())
                .contains("program file");
        assertThat(engine.checkCommand(new String[] {"rsync", "-e", "sh -c id", "a", "b"}, query("o", "-e")))
                .isNotNull();
        assertThat(engine.checkCommand(new String[] {"cat", "-"}, query("f", "-"))).isNull();
        // After the app's own "--", a dash is a file name.
        assertThat(engine.checkCommand(new String[] {"rm", "--", "-rf"}, query("f", "-rf"))).isNull();
    }

    @Test
    void commandFindingsMaskArguments() {
        Finding f = engine.checkCommand(new String[] {"sh", "-c", "mysql -psecret -e 'select 1' db; id"},
                query("db", "db; id"));
        assertThat(f).isNotNull();
        assertThat(f.maskedSink()).doesNotContain("secret").doesNotContain("select 1").contains("mysql");
    }

    @Test
    void windowsShells() {
        assertThat(engine.checkCommand(new String[] {"C:\\Windows\\System32\\cmd.exe", "/c", "dir x & whoami"},
                query("d", "x & whoami")).dialect()).isEqualTo("cmd");
        assertThat(engine.checkCommand(new String[] {"cmd.exe", "/c", "dir \"x & whoami\""},
                query("d", "x & whoami"))).isNull();
        assertThat(engine.checkCommand(new String[] {"pwsh", "-NoProfile", "-c", "Get-Item x; whoami"},
                query("d", "x; whoami")).dialect()).isEqualTo("powershell");
    }

    @Test
    void aProgramNameSentAsAnArgumentIsNotTheAppsOwnCommandWord() {
        // "echo" occurs twice: as the app's own command word and where the app put the input.
        assertThat(engine.checkCommand(new String[] {"sh", "-c", "echo PING echo"}, query("host", "echo"))).isNull();
        assertThat(engine.checkCommand(new String[] {"ls", "-1", "ls"}, query("dir", "ls"))).isNull();
        // Where the input is only the program, it still is one.
        assertThat(engine.checkCommand(new String[] {"sh", "-c", "echo PING"}, query("cmd", "echo"))).isNotNull();
        assertThat(engine.checkCommand(new String[] {"sh", "-c", "echo x; echo"}, query("h", "x; echo")))
                .isNotNull();
    }

    @Test
    void quotesDoubledByTheAppAreFollowedIntoTheSql() {
        // The app "escapes" by doubling quotes; MySQL's backslash escapes the first quote, the second closes.
        String attack = "\\' UNION SELECT secret FROM secrets -- ";
        String mysql = "SELECT name FROM items WHERE name = '" + attack.replace("'", "''") + "'";
        Finding f = engine.checkSql(mysql, SqlDialect.MYSQL, query("name", attack));
        assertThat(f).isNotNull();
        assertThat(f.tokens()).anyMatch(t -> t.contains("UNION"));
        // The same doubling in standard SQL keeps a quote-laden value inside its literal.
        String benign = "x' OR '1'='1";
        String standard = "SELECT name FROM items WHERE name = '" + benign.replace("'", "''") + "'";
        assertThat(engine.checkSql(standard, SqlDialect.POSTGRESQL, query("name", benign))).isNull();
    }
}
