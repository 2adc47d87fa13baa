package io.bulwark.policies.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormEncodingPathTest {

    @Test
    void queryNamesAreDecodedLikeTheContainerDecodesThem() {
        assertThat(FormEncoding.parameterNames("q=1&a%20b=2&c+d&&e=", 100))
                .containsExactlyInAnyOrder("q", "a b", "c d", "e");
        assertThat(FormEncoding.parameterNames(null, 100)).isEmpty();
    }

    @Test
    void pathSegmentsArePercentDecodedAsUtf8() {
        assertThat(FormEncoding.decodePathSegment("1%20OR%201%3D1")).isEqualTo("1 OR 1=1");
        assertThat(FormEncoding.decodePathSegment("caf%C3%A9+x")).isEqualTo("caf\u00e9+x");
        assertThat(FormEncoding.decodePathSegment("bad%zz%4")).isEqualTo("bad%zz%4");
    }
}
