package io.bulwark.policies.routes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RouteTableTest {

    private final RouteTable<String> table = new RouteTable<>(List.of(
            Route.of(Set.of(), "/health", "public"),
            Route.of(Set.of("GET"), "/api/orders/**", "orders:read"),
            Route.of(Set.of("PUT", "DELETE"), "/api/orders/{id}", "orders:write"),
            Route.of(Set.of(), "/api/*/items/{item}/**/history", "history"),
            Route.of(Set.of(), "/admin/**", "admin")));

    private Optional<RouteMatch<String>> match(String method, String rawPath) {
        NormalizedPath path = PathNormalizer.normalize(rawPath);
        assertThat(path).isInstanceOf(NormalizedPath.Valid.class);
        return table.match(method, (NormalizedPath.Valid) path);
    }

    private String payload(String method, String rawPath) {
        return match(method, rawPath).map(RouteMatch::payload).orElse("none");
    }

    @Test
    void firstMatchWins() {
        assertThat(payload("GET", "/api/orders/7")).isEqualTo("orders:read");
        assertThat(payload("PUT", "/api/orders/7")).isEqualTo("orders:write");
        assertThat(match("GET", "/api/orders/7")).get().extracting(RouteMatch::index).isEqualTo(1);
    }

    @Test
    void doubleStarMatchesTheParentToo() {
        assertThat(payload("GET", "/api/orders")).isEqualTo("orders:read");
        assertThat(payload("GET", "/api/orders/1/lines/2")).isEqualTo("orders:read");
        assertThat(payload("GET", "/api/ordersX")).isEqualTo("none");
    }

    @Test
    void capturesNamedSegments() {
        assertThat(match("DELETE", "/api/orders/42")).get()
                .extracting(RouteMatch::pathParams).isEqualTo(Map.of("id", "42"));
        assertThat(match("GET", "/api/v2/items/abc/history")).get()
                .extracting(RouteMatch::pathParams).isEqualTo(Map.of("item", "abc"));
        assertThat(match("GET", "/api/v2/items/abc/x/y/history")).get()
                .extracting(RouteMatch::payload).isEqualTo("history");
        assertThat(payload("GET", "/api/v2/items/abc/x/y/other")).isEqualTo("none");
    }

    @Test
    void singleStarIsExactlyOneSegment() {
        assertThat(payload("GET", "/api/items/abc/history")).isEqualTo("none");
    }

    @Test
    void methodsAreCaseInsensitiveAndGetCoversHead() {
        assertThat(payload("delete", "/api/orders/1")).isEqualTo("orders:write");
        assertThat(payload("HEAD", "/api/orders/1")).isEqualTo("orders:read");
        assertThat(payload("POST", "/api/orders/1")).isEqualTo("none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"//admin", "/./admin", "/admin/", "/x/%2e%2e/admin", "/admin;jsessionid=x", "/x/..;/admin",
            "/admin/./users", "/health/../admin", "/%61dmin"})
    void bypassSpellingsStillReachTheAdminRule(String raw) {
        assertThat(payload("GET", raw)).isEqualTo("admin");
    }

    @Test
    void doubleEncodingAndCaseDoNotMatchAnyRule() {
        assertThat(payload("GET", "/%2561dmin")).isEqualTo("none");
        assertThat(payload("GET", "/ADMIN")).isEqualTo("none");
    }

    @Test
    void rootAndCatchAllPatterns() {
        RouteTable<String> t = new RouteTable<>(List.of(Route.of(Set.of(), "/", "root"), Route.of(Set.of(), "/**", "all")));
        assertThat(t.match("GET", (NormalizedPath.Valid) PathNormalizer.normalize("/")).map(RouteMatch::payload)).contains("root");
        assertThat(t.match("GET", (NormalizedPath.Valid) PathNormalizer.normalize("/a/b")).map(RouteMatch::payload)).contains("all");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "api", "/a//b", "/**/x/**", "/a/{id}/{id}", "/a/{1x}", "/a/{}", "/a/x*", "/a/v{n}",
            "/a/../b", "/a/./b", "/a;b"})
    void rejectsBadPatternsWithTheirText(String pattern) {
        assertThatIllegalArgumentException().isThrownBy(() -> RoutePattern.parse(pattern))
                .withMessageContaining(pattern.isEmpty() ? "start with /" : pattern);
    }

    @Test
    void matchingIsLinearOnHostilePaths() {
        NormalizedPath.Valid path = (NormalizedPath.Valid) PathNormalizer.normalize("/api" + "/x".repeat(4000));
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            assertThat(table.match("GET", path)).isEmpty();
        }
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
