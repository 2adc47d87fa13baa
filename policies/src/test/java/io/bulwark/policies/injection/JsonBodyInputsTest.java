package io.bulwark.policies.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodyInputsTest {

    private static List<Input> parse(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return JsonBodyInputs.parse(bytes, bytes.length, 1000);
    }

    @Test
    void everyKeyAndLeafIsAnInputNamedByItsPath() {
        List<Input> inputs = parse("{\"customer\":\"x' OR 1=1--\",\"items\":[{\"id\":7,\"note\":\"a\"},3],"
                + "\"ok\":true,\"nothing\":null}");
        assertThat(inputs).contains(
                Input.key(InputSource.JSON, "$.customer"),
                Input.value(InputSource.JSON, "$.customer", "x' OR 1=1--"),
                Input.key(InputSource.JSON, "$.items[0].id"),
                Input.value(InputSource.JSON, "$.items[0].id", "7"),
                Input.value(InputSource.JSON, "$.items[0].note", "a"),
                Input.value(InputSource.JSON, "$.items[1]", "3"),
                Input.value(InputSource.JSON, "$.ok", "true"));
        assertThat(inputs).noneMatch(i -> i.name().equals("$.nothing") && !i.key());
    }

    @Test
    void aBodyCutOffAtTheScanLimitStillYieldsItsFirstFields() {
        List<Input> inputs = parse("{\"a\":\"first\",\"b\":\"sec");
        assertThat(inputs).contains(Input.value(InputSource.JSON, "$.a", "first"));
    }

    @Test
    void notJsonYieldsNothingAndNeverThrows() {
        assertThat(parse("name=x&y=z")).isEmpty();
        assertThat(parse("[".repeat(10_000))).isEmpty();
    }

    @Test
    void theNumberOfInputsIsBounded() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 5000; i++) {
            json.append(i).append(',');
        }
        json.append("0]");
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(JsonBodyInputs.parse(bytes, bytes.length, 100)).hasSize(100);
    }

    @Test
    void aLeafAtTheDeepestNestingAllowedKeepsItsWholePath() {
        int levels = JsonBodyInputs.MAX_DEPTH;
        String json = "{\"a\":".repeat(levels - 1) + "[\"x' OR 1=1--\"]" + "}".repeat(levels - 1);

        List<Input> inputs = parse(json);

        assertThat(inputs).contains(Input.value(InputSource.JSON, "$" + ".a".repeat(levels - 1) + "[0]",
                "x' OR 1=1--"));
    }
}
