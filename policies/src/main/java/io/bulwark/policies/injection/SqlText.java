package io.bulwark.policies.injection;

/**
 * One SQL text under one dialect, and what checking inputs against it needs: its sketch, made the first time a
 * check has enough inputs to pay for one, and its structure, lexed the first time an input occurs in it (under
 * both backslash readings when the text has a backslash). Each part is a pure function of the text and dialect,
 * so an instance can be shared between threads ({@link SqlTextCache}): a part two threads race to make is made
 * twice, identically, and either copy serves.
 */
final class SqlText {
    final String sql;
    final SqlDialect dialect;
    /** Null for shared instances; a counted check gets an instance of its own, so every part is made and counted. */
    private final WorkCounter work;
    private volatile SinkSketch sketch;
    private volatile Lexed lexed;

    private record Lexed(SqlStructure primary, SqlStructure alternate) {
    }

    SqlText(String sql, SqlDialect dialect, WorkCounter work) {
        this.sql = sql;
        this.dialect = dialect;
        this.work = work;
    }

    SinkSketch sketch() {
        SinkSketch made = sketch;
        if (made == null) {
            made = new SinkSketch(sql, work);
            sketch = made;
        }
        return made;
    }

    /** The structure under the dialect's own backslash rule. */
    SqlStructure primary() {
        return lexed().primary();
    }

    /** The structure under the other backslash rule (a server setting too), or null when the text has no backslash. */
    SqlStructure alternate() {
        return lexed().alternate();
    }

    private Lexed lexed() {
        Lexed made = lexed;
        if (made == null) {
            SqlStructure primary = new SqlStructure(SqlLexer.lex(sql, dialect, work));
            SqlStructure alternate = sql.indexOf('\\') >= 0
                    ? new SqlStructure(SqlLexer.lex(sql, dialect, !dialect.backslashEscapes, work)) : null;
            made = new Lexed(primary, alternate);
            lexed = made;
        }
        return made;
    }
}
