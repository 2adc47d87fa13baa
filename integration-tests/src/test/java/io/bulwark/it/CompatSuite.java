package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.Http;
import io.bulwark.it.support.PolicyFiles;

/**
 * The same attack and benign cases against a compatibility app on one server and threading model: SQL and shell
 * flaws blocked with one log event each, the same SQL flaw reached from an async task and an async re-dispatch, a
 * protected route, and at the end every request context closed exactly once. Subclasses start the app.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CompatSuite {

    static final String ADMIN_KEY = "compat-admin-key-0123456789";
    private static final Duration LOG_WAIT = Duration.ofSeconds(5);
    private static final String CONTEXT_REPORT = "contexts.txt";
    private static final Pattern LEDGER = Pattern.compile("request contexts: (\\d+) opened, (\\d+) closed");

    /** The running app under the agent, with {@link #policy} in its working directory. */
    abstract DemoProcess app();

    /** Whether requests must have been served on virtual threads. */
    boolean virtualThreads() {
        return false;
    }

    /**
     * Whether the app has the endpoints that run the SQL flaw on threads it owns: {@code /api/executor/search} (a task
     * on its own executor, waited for), {@code /api/executor/later} (a task that runs after its request ended) and
     * {@code /api/future/search} ({@code CompletableFuture.supplyAsync}).
     */
    boolean appExecutors() {
        return false;
    }

    static void writePolicy(Path dir) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(ADMIN_KEY.getBytes(StandardCharsets.UTF_8)));
        PolicyFiles.write(dir.resolve(PolicyFiles.DEFAULT_NAME), """
            {
              "version": 1,
              "mode": "block",
              "authentication": {
                "apiKeys": { "header": "X-API-Key", "keys": [ { "id": "admin-tool", "sha256": "%s", "scopes": ["admin"] } ] }
              },
              "defaults": { "auth": "public" },
              "routes": [ { "path": "/admin/**", "auth": { "scopes": ["admin"] } } ]
            }
            """.formatted(sha));
    }

    static String[] agentJvmArgs(Path workDir) {
        return new String[] {"-Dbulwark.diagnostics.contexts=" + workDir.resolve(CONTEXT_REPORT)};
    }

    private Http http() {
        return app().http();
    }

    private void assertBlocked(HttpResponse<String> response, String action, String path) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(Http.mediaType(response)).isEqualTo("application/problem+json");
        String eventId = Http.json(response).path("eventId").asText(null);
        if (eventId == null) {
            eventId = Http.json(response).path("event_id").asText(null);
        }
        AttackLog log = app().attackLog();
        JsonNode event = log.await(AttackLog.where("event.action", action).and(AttackLog.where("url.path", path)),
            LOG_WAIT).orElseThrow(() -> new AssertionError("no " + action + " event for " + path + " in "
            + log.events() + "\n" + app().jvm().describe()));
        assertThat(response.body()).contains(AttackLog.text(event, "event.id"));
        // one sink, one event: the pool's proxy statement and the driver's statement count once
        assertThat(log.matching(AttackLog.where("event.id", AttackLog.text(event, "event.id")))).hasSize(1);
    }

    private void assertServedOnRightThreads(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("X-Virtual-Thread")).hasValue(String.valueOf(virtualThreads()));
    }

    @Test
    @Order(1)
    void benignSqlIsAnswered() {
        HttpResponse<String> r = http().get("/api/products/search", "q", "anvil");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("anvil\n");
        assertServedOnRightThreads(r);
    }

    @Test
    @Order(2)
    void sqlInjectionIsBlocked() {
        assertBlocked(http().get("/api/products/search", "q", "' OR '1'='1"), "sql-injection-blocked",
            "/api/products/search");
    }

    @Test
    @Order(3)
    void shellInjectionIsBlockedAndBenignHostsPass() throws Exception {
        HttpResponse<String> benign = http().get("/api/tools/ping", "host", "localhost");
        assertThat(benign.statusCode()).isEqualTo(200);
        assertThat(benign.body()).isEqualTo("PING localhost\n");
        Path marker = app().workingDirectory().resolve("pwned");
        assertBlocked(http().get("/api/tools/ping", "host", "x; touch " + marker), "shell-injection-blocked",
            "/api/tools/ping");
        assertThat(marker).doesNotExist();
    }

    @Test
    @Order(4)
    void aSinkInAnAsyncTaskIsStillAttributedToItsRequest() {
        HttpResponse<String> benign = http().get("/api/async/search", "q", "rocket");
        assertThat(benign.statusCode()).isEqualTo(200);
        assertThat(benign.body()).isEqualTo("rocket skates\n");
        assertServedOnRightThreads(benign);
        long started = System.nanoTime();
        assertBlocked(http().get("/api/async/search", "q", "' UNION SELECT 'x' --"), "sql-injection-blocked",
            "/api/async/search");
        // answered and completed by the agent, not left to the container's 30-second async timeout
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    @Order(5)
    void aSinkInAnAsyncRedispatchIsStillAttributedToItsRequest() {
        HttpResponse<String> benign = http().get("/api/async/dispatch", "q", "magnet");
        assertThat(benign.statusCode()).isEqualTo(200);
        assertThat(benign.body()).isEqualTo("giant magnet\n");
        assertBlocked(http().get("/api/async/dispatch", "q", "' OR 1=1 --"), "sql-injection-blocked",
            "/api/async/dispatch");
    }

    @Test
    @Order(6)
    void theProtectedRouteNeedsItsKey() {
        assertThat(http().get("/admin/stats").statusCode()).isEqualTo(401);
        assertThat(http().send(http().request("/admin/stats").header("X-API-Key", "wrong-key").GET()).statusCode())
            .isEqualTo(401);
        HttpResponse<String> admitted = http().send(http().request("/admin/stats").header("X-API-Key", ADMIN_KEY)
            .GET());
        assertThat(admitted.statusCode()).isEqualTo(200);
        assertThat(admitted.body()).isEqualTo("stats for admin-tool");
        assertThat(http().get("/health").body()).isEqualTo("ok");
    }

    @Test
    @Order(7)
    void aSinkOnTheAppsOwnExecutorIsStillAttributedToItsRequest() {
        assumeTrue(appExecutors());
        HttpResponse<String> benign = http().get("/api/executor/search", "q", "anvil");
        assertThat(benign.statusCode()).isEqualTo(200);
        assertThat(benign.body()).isEqualTo("anvil\n");
        assertBlocked(http().get("/api/executor/search", "q", "' OR '1'='1"), "sql-injection-blocked",
            "/api/executor/search");
    }

    @Test
    @Order(8)
    void aSinkInCompletableFutureSupplyAsyncIsStillAttributedToItsRequest() {
        assumeTrue(appExecutors());
        HttpResponse<String> benign = http().get("/api/future/search", "q", "magnet");
        assertThat(benign.statusCode()).isEqualTo(200);
        assertThat(benign.body()).isEqualTo("giant magnet\n");
        assertBlocked(http().get("/api/future/search", "q", "' UNION SELECT 'x' --"), "sql-injection-blocked",
            "/api/future/search");
    }

    @Test
    @Order(9)
    void aTaskThatRunsAfterItsRequestEndedIsJudgedAgainstThatRequestsInputs() {
        assumeTrue(appExecutors());
        String attack = "' OR 'a'='a";
        HttpResponse<String> queued = http().get("/api/executor/later", "q", attack);
        assertThat(queued.statusCode()).isEqualTo(200);
        assertThat(queued.body()).isEqualTo("queued\n");
        // served while the task sleeps: the container may hand the ended request's object to this request
        assertThat(http().get("/api/products/search", "q", "anvil").body()).isEqualTo("anvil\n");
        AttackLog log = app().attackLog();
        JsonNode event = log.await(AttackLog.where("event.action", "sql-injection-blocked")
            .and(AttackLog.where("url.path", "/api/executor/later")), LOG_WAIT)
            .orElseThrow(() -> new AssertionError("no late block in " + log.events() + "\n" + app().jvm().describe()));
        assertThat(AttackLog.text(event, "bulwark.input.name")).isEqualTo("q");
        assertThat(AttackLog.text(event, "bulwark.input.value")).isEqualTo(attack);
        assertThat(log.matching(AttackLog.where("url.path", "/api/executor/later"))).hasSize(1);
    }

    @Test
    @Order(100)
    void everyRequestContextClosedExactlyOnce() throws Exception {
        app().close(); // SIGTERM: the agent's shutdown report runs
        List<String> err = app().stderrLines();
        Path report = app().workingDirectory().resolve(CONTEXT_REPORT);
        assertThat(report).as(app().jvm().describe()).exists();
        String ledger = Files.readString(report);
        Matcher m = LEDGER.matcher(ledger);
        assertThat(m.find()).isTrue();
        // the 12 requests above (async ones included, denied ones too) each opened one context and closed it once
        // (and the 6 of the executor tests, for an app that has those endpoints)
        assertThat(m.group(1)).as(ledger).isEqualTo(String.valueOf(appExecutors() ? 18 : 12));
        assertThat(m.group(2)).as(ledger).isEqualTo(m.group(1));
        assertThat(err).noneMatch(l -> l.contains("internal error") || l.contains("WARNING"));
    }
}
