package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.Http;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;

/**
 * Data-transfer limits, the per-route row baseline and spike detection, through the demo under the agent. The
 * demo's {@code /api/numbers/*?count=N} reads N rows through H2's {@code ResultSet}; each test speaks as its own
 * client (a trusted proxy's {@code X-Forwarded-For}), so the spike counters of one test never see another's traffic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetectionIT {

    private static final Duration LOG_WAIT = Duration.ofSeconds(10);
    /** Long enough for the log writer to flush anything a wrong second report would have produced. */
    private static final Duration SETTLE = Duration.ofMillis(1500);
    private static final String POLICY = """
        {
          "version": 1,
          "clientIp": { "trustedProxies": ["127.0.0.1/32"] },
          "detection": { "window": "1m", "clientErrors": 20, "distinctRoutes": 15, "baselineRequests": 20,
                         "rowAnomalyFactor": 20 },
          "routes": [
            { "path": "/api/numbers/watched", "dataTransfer": { "maxRows": 100, "mode": "monitor" } },
            { "path": "/api/numbers/capped", "dataTransfer": { "maxRows": 100, "mode": "block" } },
            { "path": "/api/numbers/small", "dataTransfer": { "maxResponseBytes": "2KB", "mode": "block" } },
            { "path": "/api/numbers/sized", "dataTransfer": { "maxResponseBytes": "2KB", "mode": "monitor" } },
            { "path": "/api/numbers/normal" }
          ]
        }
        """;

    private DemoProcess demo;
    private AttackLog log;
    private Http http;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("bulwark-detection-it");
        PolicyFiles.write(dir.resolve(PolicyFiles.DEFAULT_NAME), POLICY);
        demo = DemoProcess.start(JvmCommand.demo(dir).withAgent());
        log = demo.attackLog();
        http = demo.http();
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    private HttpResponse<String> get(String client, String path) {
        return http.send(http.request(path).header("X-Forwarded-For", client).GET());
    }

    private List<JsonNode> settled(Predicate<JsonNode> predicate) throws InterruptedException {
        assertThat(log.await(predicate, LOG_WAIT)).as("expected event").isPresent();
        Thread.sleep(SETTLE.toMillis());
        return log.matching(predicate);
    }

    private static Predicate<JsonNode> action(String action, String path) {
        return AttackLog.where("event.action", action).and(AttackLog.where("url.path", path));
    }

    @Test
    void monitorModeLetsARequestOverTheRowLimitThroughAndLogsItOnceWithItsCounts() throws Exception {
        HttpResponse<String> response = get("198.51.100.10", "/api/numbers/watched?count=500");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("rows").asInt()).as("response unchanged").isEqualTo(500);
        List<JsonNode> events = settled(action("data-transfer-exceeded", "/api/numbers/watched"));
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(AttackLog.text(event, "bulwark.rows_read")).isEqualTo("500");
            assertThat(AttackLog.text(event, "bulwark.max_rows")).isEqualTo("100");
            assertThat(AttackLog.text(event, "rule.id")).isEqualTo("dataTransfer.maxRows");
            assertThat(AttackLog.text(event, "source.ip")).isEqualTo("198.51.100.10");
        });
    }

    @Test
    void blockModeStopsReadingAtTheLimitAndRefusesTheRequest() throws Exception {
        HttpResponse<String> response = get("198.51.100.11", "/api/numbers/capped?count=500");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.mediaType(response)).isEqualTo("application/problem+json");
        assertThat(response.body()).doesNotContain("numbers");
        String eventId = Http.json(response).get("eventId").asText();
        List<JsonNode> events = settled(action("data-transfer-blocked", "/api/numbers/capped"));
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(AttackLog.text(event, "event.id")).isEqualTo(eventId);
            assertThat(AttackLog.text(event, "bulwark.rows_read")).as("the sink stopped at the row past the limit")
                .isEqualTo("101");
            assertThat(AttackLog.text(event, "http.response.status_code")).isEqualTo("403");
        });
        assertThat(get("198.51.100.11", "/api/numbers/capped?count=100").statusCode()).as("at the limit")
            .isEqualTo(200);
    }

    @Test
    void aResponseOverItsByteLimitIsRefusedBeforeItIsSentInBlockMode() throws Exception {
        HttpResponse<String> response = get("198.51.100.12", "/api/numbers/small?count=2000");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("numbers");
        List<JsonNode> events = settled(action("data-transfer-blocked", "/api/numbers/small"));
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(AttackLog.text(event, "rule.id")).isEqualTo("dataTransfer.maxResponseBytes");
            assertThat(AttackLog.text(event, "bulwark.max_response_bytes")).isEqualTo("2048");
        });
        assertThat(get("198.51.100.12", "/api/numbers/small?count=10").statusCode()).isEqualTo(200);
    }

    @Test
    void aResponseOverItsByteLimitIsLoggedWithItsSizeInMonitorMode() throws Exception {
        HttpResponse<String> response = get("198.51.100.13", "/api/numbers/sized?count=2000");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("rows").asInt()).isEqualTo(2000);
        List<JsonNode> events = settled(action("data-transfer-exceeded", "/api/numbers/sized"));
        assertThat(events).singleElement().satisfies(event -> assertThat(
            Long.parseLong(AttackLog.text(event, "bulwark.response_bytes"))).isEqualTo(response.body().length()));
    }

    @Test
    void oneRequestReadingFiftyTimesItsRoutesUsualRowsIsOneAnomaly() throws Exception {
        for (int i = 0; i < 25; i++) {
            assertThat(get("198.51.100.14", "/api/numbers/normal?count=10").statusCode()).isEqualTo(200);
        }
        assertThat(get("198.51.100.14", "/api/numbers/normal?count=500").statusCode()).isEqualTo(200);

        List<JsonNode> events = settled(action("data-transfer-anomaly", "/api/numbers/normal"));
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(AttackLog.text(event, "bulwark.rows_read")).isEqualTo("500");
            assertThat(AttackLog.text(event, "bulwark.usual_rows")).isEqualTo("10");
        });
    }

    @Test
    void aScannerBurstIsFlaggedOncePerKindWithCountsAndNormalTrafficNever() throws Exception {
        String scanner = "203.0.113.66";
        String ordinary = "198.51.100.30";
        for (int i = 0; i < 30; i++) {
            assertThat(get(ordinary, "/api/numbers/plain?count=3").statusCode()).isEqualTo(200);
        }
        assertThat(get(ordinary, "/api/products/424242").statusCode()).isEqualTo(404);
        for (int i = 0; i < 40; i++) {
            assertThat(get(scanner, "/api/products/" + (900_000 + i)).statusCode()).isEqualTo(404);
        }

        Predicate<JsonNode> scannerSpikes = AttackLog.where("event.action", "spike-detected")
            .and(AttackLog.where("source.ip", scanner));
        List<JsonNode> events = settled(scannerSpikes.and(AttackLog.where("bulwark.spike_kind", "client-errors")));
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(AttackLog.text(event, "bulwark.count")).isEqualTo("21");
            assertThat(AttackLog.text(event, "bulwark.threshold")).isEqualTo("20");
        });
        assertThat(log.matching(scannerSpikes.and(AttackLog.where("bulwark.spike_kind", "path-sweep"))))
            .singleElement().satisfies(event -> assertThat(AttackLog.text(event, "bulwark.count")).isEqualTo("16"));
        assertThat(log.matching(scannerSpikes)).hasSize(2);
        assertThat(log.matching(AttackLog.where("source.ip", ordinary))).as("normal traffic is never flagged")
            .isEmpty();
    }
}
