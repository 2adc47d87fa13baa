package io.bulwark.policies.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RequestValidator#validate(RequestValues, byte[], int, int)}: the body parsed and judged in one call. */
class RequestValidatorBodyTest {

    private static final RequestValidator VALIDATOR = new RequestValidator(new RouteValidation(
            Map.of("page", FieldRule.of(FieldType.INTEGER).withMin(1)), null, null,
            Map.of("$.name", FieldRule.of(FieldType.STRING).asRequired(),
                    "$.tags[*]", FieldRule.of(FieldType.STRING).withEnum(List.of("a", "b"))),
            null, null));

    private static final RequestValues QUERY_OK = new RequestValues(Map.of("page", List.of("2")), null, null, null);

    private static List<Violation> check(RequestValues values, String body) {
        byte[] bytes = ("  " + body + "  ").getBytes(StandardCharsets.UTF_8);
        return VALIDATOR.validate(values, bytes, 2, bytes.length - 4);
    }

    @Test
    void aValidBodyWithinAnOffsetSliceHasNoViolations() {
        assertThat(check(QUERY_OK, "{\"name\": \"Zoë\", \"tags\": [\"a\", \"b\"]}")).isEmpty();
    }

    @Test
    void bodyRulesAreReportedWithTheOtherSources() {
        RequestValues badQuery = new RequestValues(Map.of("page", List.of("0")), null, null, null);
        assertThat(check(badQuery, "{\"tags\": [\"a\", \"c\"]}"))
                .extracting(Violation::source, Violation::name, Violation::rule)
                .containsExactly(tuple("query", "page", "min"), tuple("json", "$.name", "required"),
                        tuple("json", "$.tags[1]", "enum"));
    }

    @Test
    void anEmptyBodyIsAbsentSoOnlyRequiredRulesFail() {
        byte[] none = new byte[0];
        assertThat(VALIDATOR.validate(QUERY_OK, none, 0, 0)).extracting(Violation::name, Violation::rule)
                .containsExactly(tuple("$.name", "required"));
    }

    @Test
    void aBodyThatIsNotAcceptableJsonIsOneViolationInPlaceOfTheJsonRules() {
        for (String body : List.of("{\"name\": ", "name=x", "{\"name\": \"a\", \"name\": \"b\"}", "[".repeat(100_000))) {
            assertThat(check(QUERY_OK, body)).as(body.substring(0, Math.min(body.length(), 20)))
                    .singleElement()
                    .satisfies(v -> {
                        assertThat(v.rule()).isEqualTo("json");
                        assertThat(v.valuePrefix()).isNull();
                    });
        }
    }

    @Test
    void withoutJsonOnlyTheOtherSourcesAreJudged() {
        RequestValues badQuery = new RequestValues(Map.of("page", List.of("0")), null, null, null);
        assertThat(VALIDATOR.validateWithoutJson(badQuery)).extracting(Violation::name).containsExactly("page");
        assertThat(VALIDATOR.validateWithoutJson(QUERY_OK)).isEmpty();
    }

    @Test
    void theValuesJsonIsIgnoredInFavourOfTheBody() throws Exception {
        RequestValues stale = new RequestValues(null, null, null,
                new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"name\": \"x\"}"));
        assertThat(check(stale, "{}")).extracting(Violation::name).containsExactly("$.name");
    }
}
