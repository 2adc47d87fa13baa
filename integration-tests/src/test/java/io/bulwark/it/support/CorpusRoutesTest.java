package io.bulwark.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorpusRoutesTest {

    private static CorpusCase attack(int line, String context, String value) {
        return new CorpusCase("sql-attacks.txt", line, context, null, value);
    }

    @Test
    void transportsCarryOnlyWhatArrivesUnchanged() {
        assertThat(DemoInputs.pathCarries("1 OR 1=1; DROP TABLE x")).isTrue();
        assertThat(DemoInputs.pathCarries("1/**/OR/**/1=1")).isFalse();
        assertThat(DemoInputs.pathCarries("1%0aOR")).isFalse();
        assertThat(DemoInputs.pathCarries("1\nOR")).isFalse();
        assertThat(DemoInputs.headerCarries("1 OR 1=1 --")).isTrue();
        assertThat(DemoInputs.headerCarries("1 OR 1=1 -- ")).as("HTTP trims the trailing space").isFalse();
        assertThat(DemoInputs.headerCarries("1\u00a0OR")).isFalse();
        assertThat(DemoInputs.cookieCarries("' OR '1'='1")).isTrue();
        assertThat(DemoInputs.cookieCarries("x'; DROP TABLE users")).isFalse();
        assertThat(DemoInputs.cookieCarries("1,2")).isFalse();
    }

    @Test
    void aNumericAttackNoPathOrHeaderCarriesGoesIntoTheInList() {
        CorpusRoutes routes = new CorpusRoutes();

        assertThat(routes.sqlAttack(attack(1, "numeric", "1\nOR\n1=1")).endpoint()).isEqualTo("GET /api/customers");
        assertThat(routes.sqlAttack(attack(2, "numeric", "1 OR 1=1")).source()).isEqualTo("path");
        assertThat(routes.sqlAttack(attack(3, "numeric", "1 OR 1=1")).source()).isEqualTo("header");
    }

    @Test
    void casesWithoutAMatchingEndpointAreReportedNotSent() {
        CorpusRoutes routes = new CorpusRoutes();

        assertThat(routes.shellAttack(new CorpusCase("shell-attacks.txt", 9, "cmd", null, "x & whoami"))).isNull();
        assertThat(routes.sqlAttack(new CorpusCase("sql-attacks.txt", 9, "orderby", "mysql", "id#"))).isNull();
        assertThat(routes.shellAttack(new CorpusCase("shell-attacks.txt", 10, "argv-option", null, "--checkpoint=1"))
            .endpoint()).isEqualTo("GET /api/tools/files");
        assertThat(routes.unrouted()).hasSize(2).allMatch(reason -> reason.contains(":9 "));
    }

    @Test
    void benignValuesGoWhereTheEngineJudgesThem() {
        CorpusRoutes routes = new CorpusRoutes();

        assertThat(routes.benign(new CorpusCase("benign.txt", 1, "bound", null, "' OR '1'='1")))
            .extracting(Probe::endpoint).containsExactly("PUT /api/orders/{id}", "GET /api/tools/files");
        assertThat(routes.benign(new CorpusCase("benign.txt", 2, "text", null, "$(id)")))
            .extracting(Probe::endpoint).contains("GET /api/tools/banner", "GET /api/products/search")
            .doesNotContain("GET /api/tools/greet", "GET /api/tools/ping");
        assertThat(routes.benign(new CorpusCase("benign.txt", 3, "text", null, "-- comment")))
            .extracting(Probe::endpoint).doesNotContain("GET /api/tools/files", "GET /api/tools/banner");
    }

    @Test
    void corpusEscapesAreReadAsTheEngineReadsThem() {
        assertThat(CorpusCase.unescape("1\\tOR\\u00a01=1\\\\")).isEqualTo("1\tOR\u00a01=1\\");
        assertThat(CorpusCase.unescape("C:\\temp")).isEqualTo("C:\temp");
        assertThat(CorpusCase.unescape("C:\\Users")).isEqualTo("C:\\Users");
    }
}
