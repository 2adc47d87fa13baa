package io.bulwark.policies.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {

    @Test
    void durationsAndSizes() throws Exception {
        assertThat(PolicyDuration.parse("500ms").duration()).isEqualTo(Duration.ofMillis(500));
        assertThat(PolicyDuration.parse("1d").duration()).isEqualTo(Duration.ofDays(1));
        assertThat(PolicyDuration.parse("999999999d").duration()).isEqualTo(Duration.ofDays(999_999_999));
        assertThat(ByteSize.parse("512B").bytes()).isEqualTo(512);
        assertThat(ByteSize.parse("64KB").bytes()).isEqualTo(65_536);
        assertThat(ByteSize.parse("1GB").bytes()).isEqualTo(1L << 30);
        for (String bad : List.of("1.5s", "-1s", "1 s", "s", "1M", "1000000000s")) {
            assertThatThrownBy(() -> PolicyDuration.parse(bad)).as(bad).isInstanceOf(InvalidValueException.class);
        }
        assertThatThrownBy(() -> ByteSize.parse("1kb")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void pathPatternsAreCheckedAsWritten() throws Exception {
        assertThat(PathPattern.parse("/files/**/{name}").segments()).containsExactly(new PathPattern.Literal("files"),
                PathPattern.Wildcard.ANY_SEGMENTS, new PathPattern.Variable("name"));
        assertThat(PathPattern.parse("/a/*/c").segments()).contains(PathPattern.Wildcard.ONE_SEGMENT);
        assertThat(PathPattern.parse("/").segments()).isEmpty();
        assertThat(PathPattern.parse("/users/{id}/orders/{orderId}").variableNames()).containsExactly("id", "orderId");

        for (String bad : List.of("api", "/a//b", "/a/", "/a/../b", "/a/{id}/{id}", "/a/{}", "/a/x{id}",
                "/a?b", "/**/x/**")) {
            assertThatThrownBy(() -> PathPattern.parse(bad)).as(bad).isInstanceOf(InvalidValueException.class);
        }
    }

    @Test
    void referencesAndKeys() throws Exception {
        assertThat(InputRef.parse("json:$.items[*].name").name()).isEqualTo("$.items[*].name");
        assertThat(InputRef.parse("header:X-Trace").toString()).isEqualTo("header:X-Trace");
        assertThatThrownBy(() -> InputRef.parse("json:$..name")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> InputRef.parse("header:X Trace")).isInstanceOf(InvalidValueException.class);
        assertThat(RateLimitKey.Part.parse("header:X-Tenant").headerName()).isEqualTo("X-Tenant");
        assertThatThrownBy(() -> RateLimitKey.Part.parse("user")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> RateLimitKey.of(List.of(RateLimitKey.Part.parse("ip"), RateLimitKey.Part.parse("ip"))))
                .hasMessage("rate-limit key lists ip twice");
        assertThatThrownBy(() -> Scope.parse("a\"b")).isInstanceOf(InvalidValueException.class);
        assertThat(Scope.parse("orders:read").value()).isEqualTo("orders:read");
        assertThat(Sha256Digest.parse("AB".repeat(32)).toString()).isEqualTo("sha256:abababab...");
    }
}
