package io.bulwark.policies.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static final RouteValidation ORDERS = new RouteValidation(
            Map.of("limit", FieldRule.of(FieldType.INTEGER).withMin(1).withMax(100),
                    "sort", FieldRule.of(FieldType.STRING).withEnum(List.of("asc", "desc"))),
            Map.of("id", FieldRule.of(FieldType.INTEGER).withMin(1)),
            Map.of("X-Request-Id", FieldRule.of(FieldType.UUID).asRequired()),
            Map.of("$.customer.email", FieldRule.of(FieldType.EMAIL).asRequired(),
                    "$.items[*].sku", FieldRule.of(FieldType.STRING).withPattern("[A-Z]{3}-\\d{4}").asRequired(),
                    "$.items[*].qty", FieldRule.of(FieldType.INTEGER).withMin(1).withMax(99)),
            64L * 1024, List.of("application/json"));

    private static final String GOOD_BODY = """
            {"customer": {"email": "ann@example.com"},
             "items": [{"sku": "ABC-1234", "qty": 2}, {"sku": "XYZ-0001"}]}""";

    private static RequestValues request(Map<String, List<String>> query, String id, String requestId, String body)
            throws Exception {
        return new RequestValues(query, id == null ? Map.of() : Map.of("id", id),
                requestId == null ? Map.of() : Map.of("x-request-id", List.of(requestId)),
                body == null ? null : json(body));
    }

    @Test
    void aValidRequestHasNoViolations() throws Exception {
        RequestValidator validator = new RequestValidator(ORDERS);
        List<Violation> violations = validator.validate(request(Map.of("limit", List.of("100"), "sort", List.of("asc")),
                "7", "123e4567-e89b-12d3-a456-426614174000", GOOD_BODY));
        assertThat(violations).isEmpty();
        assertThat(validator.needsBody()).isTrue();
        assertThat(validator.maxBodySize()).isEqualTo(65536L);
    }

    @Test
    void reportsEveryViolationInAStableOrder() throws Exception {
        RequestValidator validator = new RequestValidator(ORDERS);
        String body = """
                {"customer": {},
                 "items": [{"sku": "abc-1234", "qty": 0}, {"qty": "2"}, {"sku": "DEF-5678", "qty": 100}]}""";
        List<Violation> violations = validator.validate(request(
                Map.of("limit", List.of("0", "abc"), "sort", List.of("random")), "-1", "not-a-uuid", body));

        assertThat(violations).extracting(Violation::source, Violation::name, Violation::rule).containsExactly(
                tuple("path", "id", "min"),
                tuple("query", "limit", "min"),
                tuple("query", "limit", "type"),
                tuple("query", "sort", "enum"),
                tuple("header", "X-Request-Id", "type"),
                tuple("json", "$.customer.email", "required"),
                tuple("json", "$.items[0].qty", "min"),
                tuple("json", "$.items[1].qty", "type"),
                tuple("json", "$.items[2].qty", "max"),
                tuple("json", "$.items[0].sku", "pattern"),
                tuple("json", "$.items[1].sku", "required"));
        assertThat(validator.validate(request(Map.of("limit", List.of("0", "abc"), "sort", List.of("random")),
                "-1", "not-a-uuid", body))).isEqualTo(violations);
        assertThat(Violation.httpStatus(violations)).isEqualTo(400);
    }

    @Test
    void headersAreMatchedWhateverTheirCase() throws Exception {
        RequestValidator validator = new RequestValidator(new RouteValidation(null, null,
                Map.of("x-tenant", FieldRule.of(FieldType.INTEGER).asRequired()), null, null, null));
        assertThat(validator.validate(new RequestValues(null, null, Map.of("X-TENANT", List.of("12")), null)))
                .isEmpty();
        assertThat(validator.validate(new RequestValues(null, null, Map.of("X-Tenant", List.of("x")), null)))
                .extracting(Violation::rule).containsExactly("type");
        assertThat(validator.validate(new RequestValues(null, null, Map.of(), null)))
                .extracting(Violation::name, Violation::rule).containsExactly(tuple("x-tenant", "required"));
        assertThat(validator.needsBody()).isFalse();
    }

    @Test
    void everyValueOfARepeatedParameterIsChecked() {
        RequestValidator validator = new RequestValidator(new RouteValidation(
                Map.of("id", FieldRule.of(FieldType.INTEGER)), null, null, null, null, null));
        assertThat(validator.validate(new RequestValues(Map.of("id", List.of("1", "2 OR 1=1")), null, null, null)))
                .extracting(Violation::valuePrefix).containsExactly("2 OR 1=1");
        assertThat(validator.validate(new RequestValues(Map.of("id", List.of()), null, null, null))).isEmpty();
    }

    @Test
    void aMissingBodyFailsRequiredJsonRules() {
        RequestValidator validator = new RequestValidator(ORDERS);
        assertThat(validator.validate(new RequestValues(null, Map.of("id", "1"),
                Map.of("X-Request-Id", List.of("123e4567-e89b-12d3-a456-426614174000")), null)))
                .extracting(Violation::name, Violation::rule)
                .containsExactly(tuple("$.customer.email", "required"), tuple("$.items[*].sku", "required"));
    }

    @Test
    void wildcardsReachArrayElementsAndObjectMembers() throws Exception {
        RequestValidator validator = new RequestValidator(new RouteValidation(null, null, null,
                Map.of("$.tags[*]", FieldRule.of(FieldType.STRING).withMaxLength(3),
                        "$.prices.*", FieldRule.of(FieldType.NUMBER).withMin(0),
                        "$['odd.key'][0]", FieldRule.of(FieldType.BOOLEAN)),
                null, null));
        List<Violation> violations = validator.validate(new RequestValues(null, null, null, json("""
                {"tags": ["ok", "toolong"], "prices": {"eur": 5, "usd": -1, "a b": "x"}, "odd.key": [1]}""")));
        assertThat(violations).extracting(Violation::name, Violation::rule).containsExactly(
                tuple("$.prices.usd", "min"),
                tuple("$.prices['a b']", "type"),
                tuple("$.tags[1]", "maxLength"),
                tuple("$['odd.key'][0]", "type"));
    }

    @Test
    void hugeArraysAreReportedUpToTheCap() throws Exception {
        StringBuilder body = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 30_000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"x\"}");
        }
        body.append("]}");
        RequestValidator validator = new RequestValidator(new RouteValidation(null, null, null,
                Map.of("$.items[*].id", FieldRule.of(FieldType.INTEGER)), null, null));
        List<Violation> violations = validator.validate(new RequestValues(null, null, null, json(body.toString())));
        assertThat(violations).hasSize(RequestValidator.MAX_VIOLATIONS + 1);
        assertThat(violations.get(99).name()).isEqualTo("$.items[99].id");
        assertThat(violations.get(100).rule()).isEqualTo("truncated");
    }

    @Test
    void treesBeyondTheDepthOrNodeCapAreRefusedBeforeAnyRuleRuns() throws Exception {
        RouteValidation route = new RouteValidation(null, null, null,
                Map.of("$.a", FieldRule.of(null).asRequired()), null, null);
        RequestValidator validator = new RequestValidator(route, new JsonLimits(64, 1_000));
        JsonNode deep = JSON.readTree("[".repeat(65) + "]".repeat(65));
        assertThat(validator.validate(new RequestValues(null, null, null, deep)))
                .extracting(Violation::rule, Violation::message)
                .containsExactly(tuple("json", "body is nested deeper than 64 levels"));
        JsonNode atLimit = JSON.readTree("{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}");
        assertThat(validator.validate(new RequestValues(null, null, null, atLimit))).isEmpty();
        JsonNode wide = JSON.readTree("{\"a\":[" + "1,".repeat(1_000) + "1]}");
        assertThat(validator.validate(new RequestValues(null, null, null, wide)))
                .extracting(Violation::message).containsExactly("body has more than 1000 values");
    }

    @Test
    void malformedJsonPathsAreRefusedWhenBuilt() {
        for (String path : List.of("a.b", "$.", "$..a", "$[", "$[x]", "$['a'", "$a")) {
            assertThatThrownBy(() -> new RequestValidator(new RouteValidation(null, null, null,
                    Map.of(path, FieldRule.of(null)), null, null)))
                    .as(path).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON path");
        }
    }

    @Test
    void aTypicalRequestOfFiveRulesValidatesQuickly() throws Exception {
        // Not the JMH measurement (benchmarks/ owns that); a guard that the per-request path stays allocation-light
        // and in the microsecond range rather than milliseconds.
        RequestValidator validator = new RequestValidator(ORDERS);
        RequestValues values = request(Map.of("limit", List.of("20"), "sort", List.of("desc")), "42",
                "123e4567-e89b-12d3-a456-426614174000", GOOD_BODY);
        for (int i = 0; i < 20_000; i++) {
            validator.validate(values);
        }
        long start = System.nanoTime();
        int rounds = 20_000;
        for (int i = 0; i < rounds; i++) {
            assertThat(validator.validate(values).isEmpty()).isTrue();
        }
        long perRequest = (System.nanoTime() - start) / rounds;
        assertThat(perRequest).isLessThan(200_000);
    }

    @Test
    void statusIs413ForSizeThen415ForContentTypeElse400() {
        Violation size = BodyLimit.checkDeclared(11, 10);
        Violation type = new ContentTypes(List.of("application/json")).check("text/plain", true);
        Violation field = FieldValidator.check("query", "a", "x", FieldRule.of(FieldType.INTEGER)).get(0);
        assertThat(Violation.httpStatus(List.of(field, type, size))).isEqualTo(413);
        assertThat(Violation.httpStatus(List.of(field, type))).isEqualTo(415);
        assertThat(Violation.httpStatus(List.of(field))).isEqualTo(400);
        assertThatThrownBy(() -> Violation.httpStatus(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
