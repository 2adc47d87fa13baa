package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.agent.EntryValidationTest.Request;
import io.bulwark.agent.log.AttackEvent;
import io.bulwark.agent.log.EventActions;
import io.bulwark.policies.model.parse.PolicyParseResult;
import io.bulwark.policies.model.parse.PolicyParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** requireHttps, redirects, HSTS and which proxies may vouch for HTTPS. */
class TransportGuardTest {

    private static final String PROXY = "10.0.0.5";
    private static final String CLIENT = "203.0.113.9";

    @TempDir
    Path dir;

    private final List<AttackEvent> events = new ArrayList<>();
    private final EntryChecks checks = new EntryChecks(events::add);

    @Test
    void plainHttpIsRefusedWith403AndLogged() throws Exception {
        EntryOutcome outcome = run(policy(false), request("GET", CLIENT, Map.of(), false));

        assertThat(outcome.denial().status()).isEqualTo(403);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(EventActions.HTTPS_REQUIRED);
            assertThat(e.id()).isEqualTo(outcome.denial().eventId());
        });
    }

    @Test
    void aTlsConnectionPassesAndGetsHsts() throws Exception {
        ActivePolicy policy = policy(false);
        Request secure = request("GET", CLIENT, Map.of(), true);

        assertThat(run(policy, secure).isDenied()).isFalse();
        assertThat(policy.transport().hstsFor(secure)).isEqualTo("max-age=31536000");
        assertThat(policy.transport().hstsFor(request("GET", CLIENT, Map.of(), false))).as("never over HTTP").isNull();
    }

    @Test
    void theProxyHeaderCountsOnlyFromATrustedPeer() throws Exception {
        ActivePolicy policy = policy(false);

        assertThat(run(policy, request("GET", PROXY, Map.of("X-Forwarded-Proto", "https"), false)).isDenied())
                .isFalse();
        assertThat(run(policy, request("GET", CLIENT, Map.of("X-Forwarded-Proto", "https"), false)).denial()
                .status()).isEqualTo(403);
        assertThat(run(policy, request("GET", PROXY, Map.of("Forwarded", "for=1.2.3.4;proto=\"https\""), false))
                .isDenied()).isFalse();
    }

    @Test
    void anyPlainHopInTheChainMeansPlain() {
        assertThat(TransportGuard.forwardedAsHttps(List.of("https, http"), List.of())).isFalse();
        assertThat(TransportGuard.forwardedAsHttps(List.of("https"), List.of("proto=http"))).isFalse();
        assertThat(TransportGuard.forwardedAsHttps(List.of(), List.of("for=a;host=b"))).as("no scheme named").isFalse();
        assertThat(TransportGuard.forwardedAsHttps(List.of("https," + " ".repeat(5000)), List.of())).isFalse();
        assertThat(TransportGuard.forwardedAsHttps(List.of("HTTPS", "https"), List.of())).isTrue();
    }

    @Test
    void redirectsOnlyGetAndHeadAndOnlyToAPlainHost() throws Exception {
        ActivePolicy policy = policy(true);
        Map<String, String> host = Map.of("Host", "shop.example:8080");

        ProblemResponse redirect = run(policy, new Request("GET", "/a/b", CLIENT, host, "q=1", false)).denial();
        assertThat(redirect.status()).isEqualTo(301);
        assertThat(redirect.headers().get("Location")).isEqualTo("https://shop.example/a/b?q=1");
        assertThat(run(policy, new Request("POST", "/a", CLIENT, host, null, false)).denial().status())
                .as("a body would be resent in the clear").isEqualTo(403);
        assertThat(run(policy, new Request("GET", "/a", CLIENT, Map.of("Host", "evil\r\nX: y"), null, false))
                .denial().status()).isEqualTo(403);
        assertThat(TransportGuard.hostWithoutPort("[::1]:8443")).isEqualTo("[::1]");
        assertThat(TransportGuard.hostWithoutPort("a.b:x")).isNull();
    }

    @Test
    void insecureJdbcUrlsAreFoundOnlyForRemoteHostsAndWarnedOnce() {
        List<String> warnings = new ArrayList<>();
        InsecureJdbcUrls urls = new InsecureJdbcUrls(warnings::add);

        urls.check("jdbc:postgresql://db.internal:5432/shop?user=app&password=s3cret&sslmode=disable");
        urls.check("jdbc:postgresql://db.internal:5432/shop?sslmode=disable");
        urls.check("jdbc:mysql://localhost:3306/shop?useSSL=false");
        urls.check("jdbc:mysql://db2:3306/shop?useSSL=true");
        urls.check("jdbc:h2:mem:shop;ssl=false");

        assertThat(warnings).singleElement().satisfies(w -> assertThat(w).contains("db.internal", "sslmode=disable")
                .doesNotContain("s3cret"));
        assertThat(InsecureJdbcUrls.tlsOff("jdbc:mysql://h/x?notusessl=false")).isNull();
        assertThat(InsecureJdbcUrls.remoteHost("jdbc:mysql://u:p@127.0.0.1,replica.lan:3306/x")).isEqualTo("replica.lan");
    }

    private EntryOutcome run(ActivePolicy policy, EntryRequest request) {
        return checks.run(policy, request, System.currentTimeMillis(), System.nanoTime());
    }

    private static Request request(String method, String peer, Map<String, String> headers, boolean secure) {
        return new Request(method, "/", peer, headers, null, secure);
    }

    private ActivePolicy policy(boolean redirect) throws Exception {
        String json = """
                { "version": 1, "clientIp": { "trustedProxies": ["10.0.0.0/8"] },
                  "transport": { "requireHttps": true, "hsts": "max-age=31536000", "redirectHttp": %s } }"""
                .formatted(redirect);
        Path file = Files.writeString(dir.resolve("policy-" + System.nanoTime() + ".json"), json);
        PolicyParseResult result = PolicyParser.parse(file);
        assertThat(result.errors()).as(json).isEmpty();
        return new ActivePolicy(result.policy().orElseThrow());
    }
}
