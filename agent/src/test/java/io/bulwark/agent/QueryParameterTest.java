package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryParameterTest {

    @Test
    void findsTheFirstValueFormDecoded() {
        assertThat(QueryParameter.first("a=1&api_key=x%2By+z&api_key=second", "api_key")).isEqualTo("x+y z");
        assertThat(QueryParameter.first("api%5Fkey=v", "api_key")).as("names are decoded too").isEqualTo("v");
        assertThat(QueryParameter.first("api_key", "api_key")).isEmpty();
    }

    @Test
    void absentOrEmptyQueriesHaveNoValue() {
        assertThat(QueryParameter.first(null, "k")).isNull();
        assertThat(QueryParameter.first("", "k")).isNull();
        assertThat(QueryParameter.first("kk=1&k2=2", "k")).isNull();
    }

    @Test
    void malformedEscapesStayLiteralAndOnlyAsciiHexCounts() {
        assertThat(QueryParameter.first("k=%zz%4", "k")).isEqualTo("%zz%4");
        assertThat(QueryParameter.first("k=%\u0661\u0662", "k")).isEqualTo("%\u0661\u0662");
        assertThat(QueryParameter.first("k=%C3%A9", "k")).isEqualTo("\u00e9");
    }
}
