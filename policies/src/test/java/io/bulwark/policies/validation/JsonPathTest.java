package io.bulwark.policies.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every place the path reached, as {@code found:PATH=VALUE} or {@code absent:PATH}, in walk order. */
    private static List<String> walk(String path, String body) throws Exception {
        JsonNode root = JSON.readTree(body);
        List<String> seen = new ArrayList<>();
        JsonPath.parse(path).walk(root, new JsonPath.Visitor() {
            @Override
            public void found(String concretePath, JsonNode value) {
                seen.add("found:" + concretePath + "=" + value);
            }

            @Override
            public void absent(String concretePath) {
                seen.add("absent:" + concretePath);
            }
        });
        return seen;
    }

    @Test
    void aPathWithoutWildcardsIsNamedInItsRenderedFormWhetherFoundOrAbsent() throws Exception {
        assertThat(walk("$.customer['e-mail']", "{\"customer\":{\"e-mail\":\"a@b.c\"}}"))
                .containsExactly("found:$.customer.e-mail=\"a@b.c\"");
        assertThat(walk("$['a b'][1].c", "{\"a b\":[{\"c\":1},{\"c\":2}]}"))
                .containsExactly("found:$['a b'][1].c=2");
        assertThat(walk("$['a b'][2].c", "{\"a b\":[{\"c\":1}]}")).containsExactly("absent:$['a b'][2].c");
        assertThat(walk("$.a.b", "{\"a\":5}")).containsExactly("absent:$.a.b");
        assertThat(walk("$", "[1]")).containsExactly("found:$=[1]");
    }

    @Test
    void aWildcardNamesEachPlaceItReaches() throws Exception {
        assertThat(walk("$.items[*].qty", "{\"items\":[{\"qty\":1},{\"n\":2}]}"))
                .containsExactly("found:$.items[0].qty=1", "absent:$.items[1].qty");
        assertThat(walk("$.m[*]", "{\"m\":{\"x y\":1,\"z\":2}}"))
                .containsExactly("found:$.m['x y']=1", "found:$.m.z=2");
        assertThat(walk("$.m[*].a", "{\"m\":3}")).containsExactly("absent:$.m[*].a");
    }
}
