package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.agent.log.AttackLog;
import io.bulwark.agent.log.AttackLogSettings;
import io.bulwark.agent.metrics.DenialReason;
import io.bulwark.agent.metrics.Metrics;
import io.bulwark.agent.metrics.RequestMetrics;
import io.bulwark.bootstrap.BulwarkBlockedException;
import io.bulwark.policies.model.parse.PolicyParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refusals that happen after entry, while the app runs, are counted in {@code io.bulwark:type=Requests} like those
 * at entry: once per request, under the reason their answer names.
 */
class RefusalsWhileRunningTest {

    private static final String POLICY = """
            { "version": 1, "mode": "block",
              "injection": { "maxScanBytes": "1KB", "oversize": "reject" },
              "routes": [
                { "path": "/upload", "validate": { "maxBodySize": "1KB" } },
                { "path": "/export", "dataTransfer": { "maxRows": 2, "mode": "block" } },
                { "path": "/watched", "dataTransfer": { "maxRows": 2, "mode": "monitor" } },
                { "path": "/search" }
              ] }
            """;

    @TempDir
    Path dir;
    private AttackLog log;
    private Gateway gateway;
    private RequestMetrics requests;

    @BeforeEach
    void start() throws Exception {
        Path file = Files.writeString(dir.resolve("bulwark-policy.json"), POLICY);
        ActivePolicy policy = new ActivePolicy(PolicyParser.parse(file).policy().orElseThrow());
        log = new AttackLog(AttackLogSettings.of(dir.resolve("attacks.jsonl"), 10_000_000, 2), line -> { },
                Clock.systemUTC());
        log.start();
        Metrics metrics = Metrics.unpublished();
        requests = metrics.requests();
        gateway = new Gateway(() -> policy, () -> log,
                new Diagnostics(new PrintStream(new ByteArrayOutputStream())), null, metrics);
    }

    @AfterEach
    void stop() {
        log.close();
    }

    @Test
    void aBodyThatOutgrowsMaxBodySizeAsTheAppReadsIsCountedAsInvalidInput() {
        ServletExchange exchange = new ServletExchange("POST", "/upload");
        Object scope = gateway.servletEnter(exchange.request, exchange.response);

        gateway.bodyRead(new byte[1000], 0, 1000);
        assertThatThrownBy(() -> gateway.bodyRead(new byte[1000], 0, 1000))
                .isInstanceOf(BulwarkBlockedException.class);
        gateway.servletExit(scope, exchange.request, exchange.response, null);

        assertThat(exchange.status()).isEqualTo(413);
        assertThat(requests.getDeniedInvalidInput()).isEqualTo(1);
        assertThat(requests.getDenied()).isEqualTo(1);
    }

    @Test
    void aBodyTooLargeToInspectUnderOversizeRejectIsCountedAsBodyTooLarge() {
        ServletExchange exchange = new ServletExchange("POST", "/search");
        Object scope = gateway.servletEnter(exchange.request, exchange.response);

        gateway.bodyRead(new byte[2000], 0, 2000);
        assertThatThrownBy(() -> gateway.sql(null, "SELECT 1", "execute"))
                .isInstanceOf(BulwarkBlockedException.class);
        gateway.sql(null, "SELECT 2", "execute"); // reported once per request: the app's next statement is not
        gateway.servletExit(scope, exchange.request, exchange.response, null);

        assertThat(exchange.status()).isEqualTo(413);
        assertThat(requests.getDeniedBodyTooLarge()).isEqualTo(1);
        assertThat(requests.getDenied()).isEqualTo(1);
    }

    @Test
    void rowsOverTheLimitInBlockModeAreCountedOnceHoweverLongTheAppReadsOn() {
        ServletExchange exchange = new ServletExchange("GET", "/export");
        Object scope = gateway.servletEnter(exchange.request, exchange.response);

        gateway.rowRead();
        gateway.rowRead();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(gateway::rowRead).isInstanceOf(BulwarkBlockedException.class);
        }
        gateway.servletExit(scope, exchange.request, exchange.response, null);

        assertThat(exchange.status()).isEqualTo(403);
        assertThat(exchange.body()).contains("urn:bulwark:problem:data-transfer");
        assertThat(requests.getDeniedDataTransfer()).isEqualTo(1);
        assertThat(requests.deniedFor(DenialReason.OTHER)).isZero();
        assertThat(requests.getDenied()).isEqualTo(1);
    }

    @Test
    void whatMonitorModeLetsThroughIsNotADenial() {
        ServletExchange exchange = new ServletExchange("GET", "/watched");
        Object scope = gateway.servletEnter(exchange.request, exchange.response);

        for (int i = 0; i < 5; i++) {
            gateway.rowRead();
        }
        gateway.servletExit(scope, exchange.request, exchange.response, null);

        assertThat(exchange.status()).isEqualTo(200);
        assertThat(requests.getDenied()).isZero();
    }
}
