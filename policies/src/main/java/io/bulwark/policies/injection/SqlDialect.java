package io.bulwark.policies.injection;

import java.util.Locale;

/**
 * The lexical rules that differ between databases. Getting one wrong either hides an attack (a quote the database
 * ends and we don't) or invents one (a comment we see and it doesn't), so each flag follows the database's own
 * default configuration. Backslash escaping is also a server setting (MySQL {@code NO_BACKSLASH_ESCAPES}, PostgreSQL
 * {@code standard_conforming_strings}), so the engine judges text with backslashes under both readings.
 */
public enum SqlDialect {
    H2(false, true, false, true, false, true, false),
    POSTGRESQL(false, true, false, true, false, false, false),
    MYSQL(true, false, true, false, true, true, false),
    SQLSERVER(false, true, false, false, false, false, true),
    ORACLE(false, false, false, false, false, false, false),
    SQLITE(false, false, false, false, false, true, true),
    /** Standard SQL for databases we do not know: doubled quotes, {@code --} and flat {@code /* *}{@code /} comments. */
    GENERIC(false, false, false, false, false, true, false);

    final boolean backslashEscapes;
    final boolean nestedComments;
    final boolean hashComments;
    final boolean dollarQuotes;
    final boolean doubleQuotedStrings;
    final boolean backtickIdentifiers;
    final boolean bracketIdentifiers;

    SqlDialect(boolean backslashEscapes, boolean nestedComments, boolean hashComments, boolean dollarQuotes,
               boolean doubleQuotedStrings, boolean backtickIdentifiers, boolean bracketIdentifiers) {
        this.backslashEscapes = backslashEscapes;
        this.nestedComments = nestedComments;
        this.hashComments = hashComments;
        this.dollarQuotes = dollarQuotes;
        this.doubleQuotedStrings = doubleQuotedStrings;
        this.backtickIdentifiers = backtickIdentifiers;
        this.bracketIdentifiers = bracketIdentifiers;
    }

    /** The dialect a JDBC URL speaks; pool and tracing wrappers ({@code jdbc:p6spy:mysql:}) are looked through. */
    public static SqlDialect fromJdbcUrl(String jdbcUrl) {
        if (jdbcUrl == null) {
            return GENERIC;
        }
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (!url.startsWith("jdbc:")) {
            return GENERIC;
        }
        // Wrappers name the real driver after their own prefix; look for the first known one.
        for (String part : url.substring(5).split(":", 4)) {
            SqlDialect dialect = ofSubprotocol(part);
            if (dialect != null) {
                return dialect;
            }
        }
        return GENERIC;
    }

    private static SqlDialect ofSubprotocol(String subprotocol) {
        switch (subprotocol) {
            case "h2":
                return H2;
            case "postgresql":
            case "pgsql":
            case "redshift":
            case "cockroachdb":
                return POSTGRESQL;
            case "mysql":
            case "mariadb":
                return MYSQL;
            case "sqlserver":
            case "jtds":
            case "microsoft":
                return SQLSERVER;
            case "oracle":
                return ORACLE;
            case "sqlite":
                return SQLITE;
            case "hsqldb":
            case "derby":
            case "db2":
                return GENERIC;
            default:
                return null;
        }
    }
}
