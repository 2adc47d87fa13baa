package io.bulwark.policies.model;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {

    private static byte[] ip(String literal) throws Exception {
        return InetAddress.getByName(literal).getAddress();
    }

    @Test
    void cidrBlocksContainTheirAddressesOnly() throws Exception {
        CidrBlock ten = CidrBlock.parse("10.0.0.0/8");
        assertThat(ten.contains(ip("10.255.0.1"))).isTrue();
        assertThat(ten.contains(ip("11.0.0.1"))).isFalse();
        assertThat(ten.contains(ip("::ffff:10.1.2.3"))).as("IPv4-mapped").isTrue();
        assertThat(ten.contains(ip("2001:db8::1"))).isFalse();

        CidrBlock odd = CidrBlock.parse("192.168.4.0/22");
        assertThat(odd.contains(ip("192.168.7.255"))).isTrue();
        assertThat(odd.contains(ip("192.168.8.0"))).isFalse();

        CidrBlock v6 = CidrBlock.parse("2001:db8::/32");
        assertThat(v6.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(v6.contains(ip("2001:db9::1"))).isFalse();
        assertThat(CidrBlock.parse("::1").contains(ip("::1"))).isTrue();
        assertThat(CidrBlock.parse("::ffff:127.0.0.1/128").contains(ip("::ffff:127.0.0.1"))).isTrue();
        assertThat(CidrBlock.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
    }

    @Test
    void cidrBlocksRejectAmbiguousLiterals() {
        for (String bad : List.of("010.0.0.1", "10.1", "256.0.0.1", "10.0.0.0/33", "10.0.0.0/08", "1::2::3",
                "1:2:3:4:5:6:7:8:9", "12345::", "localhost", "10.0.0.0/", "")) {
            assertThatThrownBy(() -> CidrBlock.parse(bad)).as(bad).isInstanceOf(InvalidValueException.class);
        }
    }

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
    void pathPatternsMatchLinearly() throws Exception {
        PathPattern any = PathPattern.parse("/api/orders/**");
        assertThat(any.match(List.of("api", "orders"))).contains(Map.of());
        assertThat(any.match(List.of("api", "orders", "1", "items"))).isPresent();
        assertThat(any.match(List.of("api", "order"))).isEmpty();

        PathPattern middle = PathPattern.parse("/files/**/{name}");
        assertThat(middle.match(List.of("files", "a", "b", "c.txt"))).contains(Map.of("name", "c.txt"));
        assertThat(middle.match(List.of("files"))).isEmpty();
        assertThat(PathPattern.parse("/a/*/c").match(List.of("a", "x", "c"))).isPresent();
        assertThat(PathPattern.parse("/").match(List.of())).isPresent();
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
