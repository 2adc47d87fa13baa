package io.bulwark.policies.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentTypesTest {

    private final ContentTypes json = new ContentTypes(List.of("application/json", "text/*"));

    @Test
    void matchesTheMediaTypeIgnoringParametersAndCase() {
        assertThat(json.check("application/json", true)).isNull();
        assertThat(json.check("Application/JSON; charset=UTF-8", true)).isNull();
        assertThat(json.check("  application/json ;charset=utf-8", true)).isNull();
        assertThat(json.check("text/csv", true)).isNull();
    }

    @Test
    void refusesOtherTypesLookAlikesAndMalformedHeaders() {
        for (String header : List.of("application/xml", "application/json-patch+json", "application/jsonx",
                "text", "texts/plain", "application/json/x", "", "application /json", "applicat\u0131on/json")) {
            Violation v = json.check(header, true);
            assertThat(v).as(header).isNotNull();
            assertThat(v.rule()).isEqualTo("contentTypes");
            assertThat(Violation.httpStatus(List.of(v))).isEqualTo(415);
        }
    }

    @Test
    void aBodyWithoutAContentTypeIsRefusedButNoBodyNeedsNone() {
        assertThat(json.check(null, false)).isNull();
        assertThat(json.check(null, true).message()).isEqualTo("is required");
    }

    @Test
    void noListMeansAnyTypeAndWildcardsWork() {
        assertThat(new ContentTypes(List.of()).check("anything/at-all", true)).isNull();
        assertThat(new ContentTypes(List.of("*/*")).check("image/png", true)).isNull();
    }

    @Test
    void policyEntriesMustBeMediaTypes() {
        assertThatThrownBy(() -> new ContentTypes(List.of("json"))).isInstanceOf(IllegalArgumentException.class);
    }
}
