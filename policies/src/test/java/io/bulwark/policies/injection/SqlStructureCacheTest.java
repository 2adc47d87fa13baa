package io.bulwark.policies.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A statement checked again reuses its structure, and nothing but the very same text under the same rules does. */
class SqlStructureCacheTest {
    private final SqlStructureCache cache = new SqlStructureCache();

    @Test
    void theSameTextIsLexedOnceEvenAsAnotherStringObject() {
        String sql = "SELECT * FROM products WHERE name LIKE '%Lamp%'";
        SqlStructure first = cache.structure(sql, SqlDialect.H2, false);
        SqlStructure again = cache.structure(new String(sql.toCharArray()), SqlDialect.H2, false);
        assertThat(again).isSameAs(first);
        assertThat(again.judge(sql.indexOf("Lamp"), sql.indexOf("Lamp") + 4)).isNull();
    }

    @Test
    void dialectAndBackslashRulesArePartOfTheKey() {
        String sql = "SELECT * FROM t WHERE a = 'x\\' OR 1=1 -- '";
        SqlStructure mysql = cache.structure(sql, SqlDialect.MYSQL, true);
        SqlStructure mysqlNoEscapes = cache.structure(sql, SqlDialect.MYSQL, false);
        SqlStructure postgres = cache.structure(sql, SqlDialect.POSTGRESQL, true);
        assertThat(mysqlNoEscapes).isNotSameAs(mysql);
        assertThat(postgres).isNotSameAs(mysql).isNotSameAs(mysqlNoEscapes);
        int start = sql.indexOf("' OR");
        int end = sql.length();
        // with backslash escapes the quote is escaped and the rest is one literal; without, it closes the literal
        assertThat(mysql.judge(start, end)).isNull();
        assertThat(mysqlNoEscapes.judge(start, end)).isNotNull();
        assertThat(cache.structure(sql, SqlDialect.MYSQL, true)).isSameAs(mysql);
    }

    @Test
    void aTextThatSharesTheSlotNeverGetsTheOtherTextsStructure() {
        // Two quotes moved, length kept: padded until no sampled character differs, so both texts share a slot.
        String harmless = null;
        String attack = null;
        for (int pad = 0; pad < 64 && attack == null; pad++) {
            String tail = " AND b = 1" + " ".repeat(pad);
            String inside = "SELECT * FROM t WHERE n = ' x OR 1=1 '" + tail;
            String outside = "SELECT * FROM t WHERE n = ''x OR 1=1  " + tail;
            if (SqlStructureCache.slot(inside, SqlDialect.GENERIC, false)
                    == SqlStructureCache.slot(outside, SqlDialect.GENERIC, false)) {
                harmless = inside;
                attack = outside;
            }
        }
        assertThat(attack).isNotNull().hasSameSizeAs(harmless).isNotEqualTo(harmless);
        int start = harmless.indexOf("x OR");
        int end = start + "x OR 1=1".length();
        assertThat(attack.substring(start, end)).isEqualTo(harmless.substring(start, end));
        assertThat(cache.structure(harmless, SqlDialect.GENERIC, false).judge(start, end)).isNull();
        assertThat(cache.structure(attack, SqlDialect.GENERIC, false).judge(start, end)).contains("OR");
        assertThat(cache.structure(harmless, SqlDialect.GENERIC, false).judge(start, end)).isNull();
    }

    @Test
    void longTextsAreNotKept() {
        String sql = "SELECT * FROM t WHERE a IN (" + "1,".repeat(SqlStructureCache.MAX_TEXT_CHARS) + "1)";
        assertThat(cache.structure(sql, SqlDialect.GENERIC, false))
                .isNotSameAs(cache.structure(sql, SqlDialect.GENERIC, false));
    }

    @Test
    void theEngineGivesTheSameVerdictsFromTheCacheAsWithout() {
        InjectionEngine engine = new InjectionEngine();
        List<String> statements = new ArrayList<>();
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < 3 * SqlStructureCache.SLOTS; i++) {
            String value = i % 3 == 0 ? "x' OR '" + i + "'='" + i : i % 3 == 1 ? "lamp " + i : "O''Brien" + i;
            statements.add("SELECT * FROM products WHERE name = '" + value + "' ORDER BY id");
            inputs.add(Input.value(InputSource.QUERY, "q", value.replace("''", "'")));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < statements.size(); i++) {
                List<Input> one = List.of(inputs.get(i));
                Finding cached = engine.checkSql(statements.get(i), SqlDialect.H2, one);
                Finding unhelped = engine.checkSql(statements.get(i), SqlDialect.H2, one, new WorkCounter());
                assertThat(cached).isEqualTo(unhelped);
                assertThat(cached != null).isEqualTo(i % 3 == 0);
            }
        }
    }
}
