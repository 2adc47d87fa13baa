package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonContentTypeTest {

    @Test
    void jsonAndPlusJsonTypesAreJsonWhateverTheirCaseSpacingOrParameters() {
        assertThat(RequestContext.isJson("application/json")).isTrue();
        assertThat(RequestContext.isJson("Application/JSON; charset=UTF-8")).isTrue();
        assertThat(RequestContext.isJson("  application/json  ;charset=utf-8")).isTrue();
        assertThat(RequestContext.isJson("application/problem+json")).isTrue();
        assertThat(RequestContext.isJson("application/vnd.api+JSON ; q=1")).isTrue();
    }

    @Test
    void otherTypesAreNot() {
        assertThat(RequestContext.isJson(null)).isFalse();
        assertThat(RequestContext.isJson("")).isFalse();
        assertThat(RequestContext.isJson("application/x-www-form-urlencoded")).isFalse();
        assertThat(RequestContext.isJson("application/jsonp")).isFalse();
        assertThat(RequestContext.isJson("text/json-seq")).isFalse();
        assertThat(RequestContext.isJson("json")).isFalse();
        assertThat(RequestContext.isJson("; application/json")).isFalse();
    }
}
