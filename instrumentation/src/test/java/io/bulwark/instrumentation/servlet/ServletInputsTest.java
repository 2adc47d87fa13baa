package io.bulwark.instrumentation.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServletInputsTest {

    @Test
    void queryNamesAreDecodedLikeTheContainerDecodesThem() {
        assertThat(ServletInputs.queryNames("q=1&a%20b=2&c+d&&e=")).containsExactlyInAnyOrder("q", "a b", "c d", "e");
        assertThat(ServletInputs.queryNames(null)).isEmpty();
    }

    @Test
    void pathSegmentsArePercentDecodedAsUtf8() {
        assertThat(ServletInputs.percentDecode("1%20OR%201%3D1")).isEqualTo("1 OR 1=1");
        assertThat(ServletInputs.percentDecode("caf%C3%A9+x")).isEqualTo("café+x");
        assertThat(ServletInputs.percentDecode("bad%zz%4")).isEqualTo("bad%zz%4");
    }
}
