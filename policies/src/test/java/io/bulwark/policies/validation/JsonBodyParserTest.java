package io.bulwark.policies.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyParserTest {

    private final JsonBodyParser parser = new JsonBodyParser(new JsonLimits(64, 1_000));

    private JsonNode parse(String body) throws JsonBodyParser.InvalidJsonException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length);
    }

    private String refusal(String body) {
        try {
            parse(body);
        } catch (JsonBodyParser.InvalidJsonException e) {
            assertThat(e.violation().rule()).isEqualTo("json");
            assertThat(e.violation().valuePrefix()).isNull();
            return e.violation().message();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void parsesUnicodeBodiesWithinTheLimits() throws Exception {
        JsonNode node = parse("{\"name\":\"Zoë 😀 渡辺\",\"n\":[1,2,3]}");
        assertThat(node.get("name").textValue()).isEqualTo("Zoë 😀 渡辺");
        assertThat(parse("[".repeat(64) + "]".repeat(64)).isArray()).isTrue();
    }

    @Test
    void refusesNestingPastTheDepthCapWithoutRecursingIntoIt() {
        assertThat(refusal("[".repeat(65) + "]".repeat(65))).isEqualTo("body is nested deeper than 64 levels");
        assertThat(refusal("[".repeat(100_000))).isEqualTo("body is nested deeper than 64 levels");
    }

    @Test
    void refusesTooManyValues() {
        assertThat(refusal("[" + "1,".repeat(5_000) + "1]")).isEqualTo("body is too large or too complex to validate");
        assertThat(refusal("[" + "1,".repeat(1_000) + "1]")).isEqualTo("body has more than 1000 values");
    }

    @Test
    void theValueCapCountsValuesNotTokens() throws Exception {
        JsonBodyParser three = new JsonBodyParser(new JsonLimits(64, 3));
        byte[] twoMembers = "{\"a\":1,\"b\":2}".getBytes(StandardCharsets.UTF_8); // 3 values in 6 tokens
        byte[] threeMembers = "{\"a\":1,\"b\":2,\"c\":3}".getBytes(StandardCharsets.UTF_8); // 4 values
        byte[] oneElement = "[1]".getBytes(StandardCharsets.UTF_8); // 2 values in 3 tokens

        assertThat(three.parse(twoMembers, 0, twoMembers.length).size()).isEqualTo(2);
        assertThat(three.parse(oneElement, 0, oneElement.length).size()).isEqualTo(1);
        assertThatThrownBy(() -> three.parse(threeMembers, 0, threeMembers.length))
                .isInstanceOf(JsonBodyParser.InvalidJsonException.class)
                .hasMessage("body has more than 3 values");
        assertThat(parse("[" + "1,".repeat(998) + "1]").size()).isEqualTo(999); // 1,000 values: the cap itself
        assertThat(refusal("[" + "1,".repeat(999) + "1]")).isEqualTo("body has more than 1000 values");
    }

    @Test
    void refusesDuplicateKeysSoTheAppCannotReadTheUncheckedCopy() {
        assertThat(refusal("{\"id\":1,\"id\":\"1 OR 1=1\"}")).isEqualTo("body has a duplicate key");
    }

    @Test
    void refusesMalformedTrailingAndEmptyBodies() {
        assertThat(refusal("{\"a\":")).isEqualTo("body is not valid JSON");
        assertThat(refusal("{\"a\":1} {\"b\":2}")).isEqualTo("body is not valid JSON");
        assertThat(refusal("NaN")).isEqualTo("body is not valid JSON");
        assertThat(refusal("")).isEqualTo("body is empty");
    }

    @Test
    void theRefusalNeverEchoesTheBody() {
        assertThatThrownBy(() -> parse("{\"secret\": \"hunter2\" oops}"))
                .isInstanceOf(JsonBodyParser.InvalidJsonException.class)
                .satisfies(e -> assertThat(((JsonBodyParser.InvalidJsonException) e).violation().toString())
                        .doesNotContain("hunter2"));
    }
}
