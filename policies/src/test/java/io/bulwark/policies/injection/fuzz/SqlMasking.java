package io.bulwark.policies.injection.fuzz;

import io.bulwark.policies.injection.SqlDialect;
import io.bulwark.policies.injection.SqlLexer;
import io.bulwark.policies.injection.SqlTokenType;
import io.bulwark.policies.injection.SqlTokens;

/**
 * The masked sink a SQL finding must carry: the text with every literal (string or number) replaced by {@code ?},
 * clipped. Rebuilt here from the public tokens, so a literal's content that reaches the log by any path (a token
 * boundary off by one, a clip in the wrong place) shows up as a difference.
 */
final class SqlMasking {
    private static final String NO_BACKSLASH_ESCAPES = " (no backslash escapes)";
    private static final String BACKSLASH_ESCAPES = " (backslash escapes)";

    private SqlMasking() {
    }

    /** The full masked text (before clipping), lexed the way the finding says it was (its dialect names the escape reading). */
    static String expected(String sql, SqlDialect dialect, String findingDialect) {
        SqlTokens tokens;
        if (findingDialect.endsWith(NO_BACKSLASH_ESCAPES)) {
            tokens = SqlLexer.lex(sql, dialect, false, null);
        } else if (findingDialect.endsWith(BACKSLASH_ESCAPES)) {
            tokens = SqlLexer.lex(sql, dialect, true, null);
        } else {
            tokens = SqlLexer.lex(sql, dialect, null);
        }
        return unclipped(sql, tokens).toString();
    }

    static StringBuilder unclipped(String sql, SqlTokens tokens) {
        StringBuilder out = new StringBuilder(sql.length());
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlTokenType type = tokens.type(i);
            if (type == SqlTokenType.STRING || type == SqlTokenType.NUMBER) {
                out.append(sql, copied, tokens.start(i)).append('?');
                copied = tokens.end(i);
            }
        }
        return out.append(sql, copied, sql.length());
    }
}
