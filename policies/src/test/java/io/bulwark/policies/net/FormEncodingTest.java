package io.bulwark.policies.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormEncodingTest {

    @Test
    void findsTheFirstValueFormDecoded() {
        assertThat(FormEncoding.firstParameter("a=1&api_key=x%2By+z&api_key=second", "api_key")).isEqualTo("x+y z");
        assertThat(FormEncoding.firstParameter("api%5Fkey=v", "api_key")).as("names are decoded too").isEqualTo("v");
        assertThat(FormEncoding.firstParameter("api_key", "api_key")).isEmpty();
    }

    @Test
    void absentOrEmptyQueriesHaveNoValue() {
        assertThat(FormEncoding.firstParameter(null, "k")).isNull();
        assertThat(FormEncoding.firstParameter("", "k")).isNull();
        assertThat(FormEncoding.firstParameter("kk=1&k2=2", "k")).isNull();
    }

    @Test
    void malformedEscapesStayLiteralAndOnlyAsciiHexCounts() {
        assertThat(FormEncoding.firstParameter("k=%zz%4", "k")).isEqualTo("%zz%4");
        assertThat(FormEncoding.firstParameter("k=%\u0661\u0662", "k")).isEqualTo("%\u0661\u0662");
        assertThat(FormEncoding.firstParameter("k=%C3%A9", "k")).isEqualTo("\u00e9");
    }
}
