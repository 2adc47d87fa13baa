package io.bulwark.policies.model.parse;

import io.bulwark.policies.model.ApiKey;
import io.bulwark.policies.model.AuthRequirement;
import io.bulwark.policies.model.BruteForceKey;
import io.bulwark.policies.model.InputRef;
import io.bulwark.policies.model.Mode;
import io.bulwark.policies.model.OnFailure;
import io.bulwark.policies.model.Policy;
import io.bulwark.policies.model.Protection;
import io.bulwark.policies.model.RateLimitKey;
import io.bulwark.policies.model.Route;
import io.bulwark.policies.model.Scope;
import io.bulwark.policies.model.ScopeMatch;
import io.bulwark.policies.model.ValueType;
import io.bulwark.policies.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every file in policies/examples loads, and means what it says. */
class ExamplePoliciesTest {

    static final Path EXAMPLES = Path.of("examples");

    static Policy load(String name) {
        PolicyParseResult result = PolicyParser.parse(EXAMPLES.resolve(name));
        assertThat(result.errors()).as(result.errorReport()).isEmpty();
        return result.orElseThrow();
    }

    @Test
    void fullExampleBindsEverySection() throws Exception {
        Policy policy = load("full.json");

        assertThat(policy.source()).isEqualTo(EXAMPLES.resolve("full.json").toAbsolutePath().normalize());
        assertThat(policy.mode()).isEqualTo(Mode.BLOCK);
        assertThat(policy.log().maxFileSize().bytes()).isEqualTo(100L << 20);
        assertThat(policy.clientIp().isTrustedProxy(IpAddress.parse("10.20.30.40"))).isTrue();
        assertThat(policy.clientIp().isTrustedProxy(IpAddress.parse("11.0.0.1"))).isFalse();
        assertThat(policy.transport().requireHttps()).isTrue();
        assertThat(policy.transport().redirectHttp()).isFalse();

        var jwt = policy.authentication().jwt();
        assertThat(jwt.audiences()).containsExactly("orders-api");
        assertThat(jwt.algorithms()).containsExactly("RS256", "ES256");
        assertThat(jwt.clockSkew().duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.jwksFile()).contains(EXAMPLES.resolve("jwks.json").toAbsolutePath().normalize());

        ApiKey key = policy.authentication().apiKeys().keys().get(0);
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest("example-reporting-key-do-not-use".getBytes(StandardCharsets.UTF_8));
        assertThat(key.sha256().matches(digest)).isTrue();
        assertThat(key.scopes()).containsExactly(new Scope("orders:read"));
        assertThat(policy.authentication().bruteForce().blockFor().duration()).isEqualTo(Duration.ofMinutes(15));

        assertThat(policy.rateLimits()).containsOnlyKeys("per-ip", "per-caller");
        assertThat(policy.rateLimits().get("per-caller").capacity()).isEqualTo(40);
        assertThat(policy.rateLimits().get("per-ip").capacity()).isEqualTo(100);
        assertThat(policy.store().onFailure()).isEqualTo(OnFailure.ALLOW);
        assertThat(policy.store().timeout().duration()).isEqualTo(Duration.ofMillis(50));

        List<Route> routes = policy.routes();
        assertThat(routes).hasSize(5);
        assertThat(policy.authFor(routes.get(0))).isEqualTo(AuthRequirement.PUBLIC);
        assertThat(policy.rateLimitsFor(routes.get(0))).isEmpty();
        assertThat(policy.rateLimitsFor(routes.get(4))).containsOnlyKeys("per-ip");
        assertThat(routes.get(1).path()).hasToString("/api/orders/**");
        assertThat(routes.get(2).path().variableNames()).containsExactly("id");
        assertThat(routes.get(2).validate().path().get("id").type()).isEqualTo(ValueType.INTEGER);
        assertThat(routes.get(2).validate().path().get("id").min()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(policy.effectiveMode(Protection.SQL_INJECTION, routes.get(3))).isEqualTo(Mode.MONITOR);
        assertThat(policy.effectiveMode(Protection.SQL_INJECTION, routes.get(4))).isEqualTo(Mode.BLOCK);
        assertThat(policy.injectionAllowFor(routes.get(3))).containsExactly(InputRef.parse("query:expr"));
        assertThat(policy.authFor(null)).isEqualTo(AuthRequirement.AUTHENTICATED);
    }

    @Test
    void minimalExampleHasEveryDefault() {
        Policy policy = load("minimal.json");

        assertThat(policy.defaultAuth()).isEqualTo(AuthRequirement.PUBLIC);
        assertThat(policy.effectiveMode(Protection.SQL_INJECTION, null)).isEqualTo(Mode.BLOCK);
        assertThat(policy.log().path()).isEqualTo("bulwark-attacks.jsonl");
        assertThat(policy.log().maxFiles()).isEqualTo(10);
        assertThat(policy.injection().maxScanBytes().bytes()).isEqualTo(1L << 20);
        assertThat(policy.authentication()).isNull();
        assertThat(policy.routes()).isEmpty();
        assertThat(policy.rateLimitsFor(null)).isEmpty();
    }

    @Test
    void monitorOnlyExampleMonitorsEveryProtection() {
        Policy policy = load("monitor-only.json");

        for (Protection protection : Protection.values()) {
            assertThat(policy.effectiveMode(protection, null)).as(protection.name()).isEqualTo(Mode.MONITOR);
        }
        assertThat(policy.injection().maxScanBytes().bytes()).isEqualTo(256L << 10);
        assertThat(policy.log().path()).isEqualTo("logs/bulwark-attacks.jsonl");
    }

    @Test
    void apiKeysExampleRequiresKeysByDefault() {
        Policy policy = load("api-keys.json");

        assertThat(policy.defaultAuth()).isEqualTo(AuthRequirement.AUTHENTICATED);
        assertThat(policy.authentication().apiKeys().keys()).extracting(ApiKey::id)
                .containsExactly("reporting-batch", "partner-acme");
        assertThat(policy.authentication().bruteForce().key()).isEqualTo(new BruteForceKey(true, true));
        assertThat(policy.rateLimits().get("per-key-and-route").key().parts())
                .extracting(RateLimitKey.Part::kind).containsExactly(RateLimitKey.Kind.API_KEY, RateLimitKey.Kind.ROUTE);
        Route byId = policy.routes().get(2);
        assertThat(byId.auth()).isEqualTo(new AuthRequirement.Scoped(
                List.of(new Scope("orders:read"), new Scope("orders:write")), ScopeMatch.ANY));
        assertThat(policy.routes().get(1).validate().json()).containsOnlyKeys("$.customer.email", "$.quantity",
                "$.currency");
        assertThat(policy.routes().get(1).validate().json().get("$.currency").allowedValues())
                .containsExactly("EUR", "USD");
    }

    @Test
    void builtInDefaultBlocksInjectionAndNothingElse() {
        Policy policy = Policy.builtInDefault();

        assertThat(policy.injection().sql()).isEqualTo(Mode.BLOCK);
        assertThat(policy.injection().shell()).isEqualTo(Mode.BLOCK);
        assertThat(policy.defaultAuth()).isEqualTo(AuthRequirement.PUBLIC);
        assertThat(policy.rateLimits()).isEmpty();
        assertThat(policy.source()).isNull();
    }
}
