package io.bulwark.policies.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A statement checked again reuses its sketch and structure, and nothing but the very same text and dialect does. */
class SqlTextCacheTest {
    private final SqlTextCache cache = new SqlTextCache();

    @Test
    void theSameTextIsSketchedAndLexedOnceEvenAsAnotherStringObject() {
        String sql = "SELECT * FROM products WHERE name LIKE '%Lamp%'";
        SqlText first = cache.of(sql, SqlDialect.H2);
        SqlStructure structure = first.primary();
        SinkSketch sketch = first.sketch();
        SqlText again = cache.of(new String(sql.toCharArray()), SqlDialect.H2);
        assertThat(again).isSameAs(first);
        assertThat(again.primary()).isSameAs(structure);
        assertThat(again.sketch()).isSameAs(sketch);
        assertThat(again.alternate()).isNull();
        assertThat(again.primary().judge(sql.indexOf("Lamp"), sql.indexOf("Lamp") + 4)).isNull();
    }

    @Test
    void theDialectIsPartOfTheKeyAndBothBackslashReadingsAreKept() {
        String sql = "SELECT * FROM t WHERE a = 'x\\' OR 1=1 -- '";
        SqlText mysql = cache.of(sql, SqlDialect.MYSQL);
        SqlText postgres = cache.of(sql, SqlDialect.POSTGRESQL);
        assertThat(postgres).isNotSameAs(mysql);
        int start = sql.indexOf("' OR");
        int end = sql.length();
        // with backslash escapes (MySQL's default) the quote is escaped and the rest is one literal; without, the
        // quote closes the literal and the input adds code
        assertThat(mysql.primary().judge(start, end)).isNull();
        assertThat(mysql.alternate().judge(start, end)).isNotNull();
        assertThat(postgres.primary().judge(start, end)).isNotNull();
        assertThat(cache.of(sql, SqlDialect.MYSQL)).isSameAs(mysql);
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
            if (SqlTextCache.slot(inside, SqlDialect.GENERIC) == SqlTextCache.slot(outside, SqlDialect.GENERIC)) {
                harmless = inside;
                attack = outside;
            }
        }
        assertThat(attack).isNotNull().hasSameSizeAs(harmless).isNotEqualTo(harmless);
        int start = harmless.indexOf("x OR");
        int end = start + "x OR 1=1".length();
        assertThat(attack.substring(start, end)).isEqualTo(harmless.substring(start, end));
        assertThat(cache.of(harmless, SqlDialect.GENERIC).primary().judge(start, end)).isNull();
        assertThat(cache.of(attack, SqlDialect.GENERIC).primary().judge(start, end)).contains("OR");
        assertThat(cache.of(harmless, SqlDialect.GENERIC).primary().judge(start, end)).isNull();
    }

    @Test
    void longTextsAreNotKept() {
        String sql = "SELECT * FROM t WHERE a IN (" + "1,".repeat(SqlTextCache.MAX_TEXT_CHARS) + "1)";
        assertThat(cache.of(sql, SqlDialect.GENERIC)).isNotSameAs(cache.of(sql, SqlDialect.GENERIC));
    }

    @Test
    void theEngineGivesTheSameVerdictsFromTheCacheAsWithout() {
        InjectionEngine engine = new InjectionEngine();
        List<String> statements = new ArrayList<>();
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < 3 * SqlTextCache.SLOTS; i++) {
            String value = i % 3 == 0 ? "x' OR '" + i + "'='" + i : i % 3 == 1 ? "lamp " + i : "O''Brien" + i;
            statements.add("SELECT * FROM products WHERE name = '" + value + "' ORDER BY id");
            inputs.add(Input.value(InputSource.QUERY, "q", value.replace("''", "'")));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < statements.size(); i++) {
                List<Input> one = List.of(inputs.get(i), Input.key(InputSource.QUERY, "q"),
                        Input.value(InputSource.HEADER, "accept", "*/*"));
                Finding cached = engine.checkSql(statements.get(i), SqlDialect.H2, one);
                Finding unhelped = engine.checkSql(statements.get(i), SqlDialect.H2, one, new WorkCounter());
                assertThat(cached).isEqualTo(unhelped);
                assertThat(cached != null).isEqualTo(i % 3 == 0);
            }
        }
    }

    @Test
    void threadsSharingTextsStillGetEachTextsOwnVerdict() throws Exception {
        InjectionEngine engine = new InjectionEngine();
        List<String> statements = new ArrayList<>();
        List<List<Input>> inputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String value = i % 2 == 0 ? "x' OR '" + i + "'='" + i : "lamp\\' " + i;
            statements.add("SELECT * FROM products WHERE name = '" + value + "' AND shop = " + i);
            inputs.add(List.of(Input.value(InputSource.QUERY, "q", value), Input.key(InputSource.QUERY, "q"),
                    Input.value(InputSource.HEADER, "accept", "*/*")));
        }
        List<Finding> expected = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            expected.add(engine.checkSql(statements.get(i), SqlDialect.MYSQL, inputs.get(i), new WorkCounter()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int n = 0; n < 2_000; n++) {
                        int i = (n + offset) % statements.size();
                        // a fresh copy of the text, as an app that concatenates its SQL makes one per request
                        String sql = new String(statements.get(i).toCharArray());
                        if (!java.util.Objects.equals(engine.checkSql(sql, SqlDialect.MYSQL, inputs.get(i)),
                                expected.get(i))) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < expected.size(); i++) {
            assertThat(expected.get(i) != null).isEqualTo(i % 2 == 0);
        }
    }
}
