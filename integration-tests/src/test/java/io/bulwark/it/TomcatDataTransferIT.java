package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import io.bulwark.it.support.CompatApps;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.testapps.TransferTomcatApp;

/**
 * Data-transfer limits on Tomcat, whose {@code getWriter()} bypasses its {@code ServletOutputStream}, with rows read
 * through HikariCP, whose result set wraps the driver's (each row must count once).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TomcatDataTransferIT {

    private static final Duration LOG_WAIT = Duration.ofSeconds(10);
    /** One line of {@code Lines}: "line 000001\n". */
    private static final int LINE = 12;
    private static final String POLICY = """
        {
          "version": 1,
          "routes": [
            { "path": "/text/buffered", "dataTransfer": { "maxResponseBytes": "1KB", "mode": "block" } },
            { "path": "/text/streamed", "dataTransfer": { "maxResponseBytes": "64KB", "mode": "block" } },
            { "path": "/text/watched", "dataTransfer": { "maxResponseBytes": "1KB", "mode": "monitor" } },
            { "path": "/rows", "dataTransfer": { "maxRows": 100, "mode": "monitor" } },
            { "path": "/async-rows", "dataTransfer": { "maxRows": 100, "mode": "monitor" } }
          ]
        }
        """;

    private DemoProcess app;
    private AttackLog log;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("bulwark-tomcat-transfer-it");
        PolicyFiles.write(dir.resolve(PolicyFiles.DEFAULT_NAME), POLICY);
        app = DemoProcess.start(CompatApps.command(dir, TransferTomcatApp.class).withAgent());
        log = app.attackLog();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(app.baseUri() + path)).timeout(Duration.ofSeconds(15))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonNode> settled(Predicate<JsonNode> predicate) throws InterruptedException {
        assertThat(log.await(predicate, LOG_WAIT)).as("expected event").isPresent();
        Thread.sleep(1500);
        return log.matching(predicate);
    }

    private static Predicate<JsonNode> action(String action, String path) {
        return AttackLog.where("event.action", action).and(AttackLog.where("url.path", path));
    }

    @Test
    void writerOutputOverTheLimitIsRefusedWhileTheResponseIsStillBuffered() throws Exception {
        assertThat(get("/text/buffered?count=10").statusCode()).isEqualTo(200);

        HttpResponse<String> over = get("/text/buffered?count=500");

        assertThat(over.statusCode()).isEqualTo(403);
        assertThat(over.body()).doesNotContain("line 000");
        assertThat(settled(action("data-transfer-blocked", "/text/buffered"))).singleElement()
            .satisfies(event -> assertThat(AttackLog.text(event, "bulwark.max_response_bytes")).isEqualTo("1024"));
    }

    @Test
    void writerOutputPastTheLimitAfterCommitIsCutThere() throws Exception {
        int lines = 20_000;
        String body;
        try {
            HttpResponse<String> response = get("/text/streamed?count=" + lines);
            assertThat(response.statusCode()).as("already committed: the status cannot change").isEqualTo(200);
            body = response.body();
        } catch (IOException cut) {
            body = "";
        }
        assertThat(body.length()).as("what the client got").isLessThanOrEqualTo(64 * 1024);
        assertThat(settled(action("data-transfer-blocked", "/text/streamed"))).singleElement()
            .satisfies(event -> assertThat(Long.parseLong(AttackLog.text(event, "bulwark.response_bytes")))
                .isGreaterThan(64 * 1024).isLessThan((long) lines * LINE));
    }

    @Test
    void writerOutputIsCountedInMonitorMode() throws Exception {
        HttpResponse<String> response = get("/text/watched?count=200");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(200 * LINE);
        assertThat(settled(action("data-transfer-exceeded", "/text/watched"))).singleElement()
            .satisfies(event -> assertThat(AttackLog.text(event, "bulwark.response_bytes"))
                .isEqualTo(String.valueOf(200 * LINE)));
    }

    @Test
    void rowsReadThroughAPoolWrapperCountOnce() throws Exception {
        HttpResponse<String> response = get("/rows?count=500");

        assertThat(response.body()).isEqualTo("rows 500");
        assertThat(settled(action("data-transfer-exceeded", "/rows"))).singleElement()
            .satisfies(event -> assertThat(AttackLog.text(event, "bulwark.rows_read")).isEqualTo("500"));
    }

    @Test
    void rowsReadOnAnAsyncThreadAreJudgedOnceWhenTheAsyncCycleCompletes() throws Exception {
        HttpResponse<String> response = get("/async-rows?count=500");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("rows 500");
        assertThat(settled(action("data-transfer-exceeded", "/async-rows"))).singleElement()
            .satisfies(event -> assertThat(AttackLog.text(event, "bulwark.rows_read")).isEqualTo("500"));
    }
}
