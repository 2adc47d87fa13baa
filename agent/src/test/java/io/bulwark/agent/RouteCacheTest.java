package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.policies.model.parse.PolicyParseResult;
import io.bulwark.policies.model.parse.PolicyParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteCacheTest {

    @TempDir
    Path dir;

    private ActivePolicy policy() throws Exception {
        Path file = Files.writeString(dir.resolve("bulwark-policy.json"), """
                { "version": 1,
                  "routes": [ { "path": "/api/orders/{id}", "auth": "public" },
                              { "path": "/health", "auth": "public", "methods": ["GET"] } ] }
                """);
        PolicyParseResult parsed = PolicyParser.parse(file);
        assertThat(parsed.errors()).isEmpty();
        return new ActivePolicy(parsed.policy().orElseThrow());
    }

    @Test
    void aPathSeenBeforeIsAnsweredFromTheCacheWithTheSameRoute() throws Exception {
        ActivePolicy policy = policy();
        RouteCache.Lookup first = policy.lookup("GET", "/api/orders/42");
        RouteCache.Lookup again = policy.lookup("GET", "/api/orders/42");

        assertThat(again).isSameAs(first);
        assertThat(first.match().route()).isNotNull();
        assertThat(first.match().pathValues()).containsEntry("id", "42");
    }

    @Test
    void theMethodIsPartOfTheKey() throws Exception {
        ActivePolicy policy = policy();
        assertThat(policy.lookup("GET", "/health").match().route()).isNotNull();
        assertThat(policy.lookup("POST", "/health").match().route()).isNull();
        assertThat(policy.lookup("GET", "/health").match().route()).isNotNull();
    }

    @Test
    void everySpellingIsNormalisedBeforeMatching() throws Exception {
        ActivePolicy policy = policy();
        assertThat(policy.lookup("GET", "/api/x/../orders/%37").match().pathValues()).containsEntry("id", "7");
        assertThat(policy.lookup("GET", "/api/orders/7").match().pathValues()).containsEntry("id", "7");
    }

    @Test
    void aRefusedPathIsCachedAsARefusal() throws Exception {
        ActivePolicy policy = policy();
        RouteCache.Lookup refused = policy.lookup("GET", "/../etc/passwd");

        assertThat(refused.match()).isNull();
        assertThat(refused.rejection()).contains("above the root");
        assertThat(policy.lookup("GET", "/../etc/passwd")).isSameAs(refused);
        assertThat(policy.routeOfRawPath("GET", "/../etc/passwd")).isSameAs(policy.noMatch());
    }

    @Test
    void longPathsAreLookedUpEveryTimeAndStillMatched() throws Exception {
        ActivePolicy policy = policy();
        String id = "9".repeat(RouteCache.MAX_PATH_CHARS);
        RouteCache.Lookup first = policy.lookup("GET", "/api/orders/" + id);

        assertThat(first.match().pathValues()).containsEntry("id", id);
        assertThat(policy.lookup("GET", "/api/orders/" + id)).isNotSameAs(first).isEqualTo(first);
    }
}
