package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.BenignCalls;
import io.bulwark.it.support.BenignCalls.Outcome;
import io.bulwark.it.support.DemoAttacks;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.Http;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.TestJars;

/**
 * The demo under the agent with the demo policy (discovered in the working directory): benign traffic is answered
 * exactly as without the agent; attacks end in 403 problem+json with an event id that the attack log carries.
 * Ordered only so that the check of the agent's own output runs last, after it has seen every kind of request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoUnderAgentIT {

    private static final Duration LOG_WAIT = Duration.ofSeconds(5);

    @TempDir
    static Path plainDir;
    @TempDir
    static Path protectedDir;

    private static DemoProcess plain;
    private static DemoProcess guarded;

    @BeforeAll
    static void startBoth() {
        PolicyFiles.copyDemoPolicy(protectedDir);
        plain = DemoProcess.start(JvmCommand.demo(plainDir));
        guarded = DemoProcess.start(JvmCommand.demo(protectedDir).withAgent());
    }

    @AfterAll
    static void stopBoth() {
        if (guarded != null) {
            guarded.close();
        }
        if (plain != null) {
            plain.close();
        }
    }

    @Test
    @Order(1)
    void benignReadsGetIdenticalResponses() {
        // A directory whose listing nobody changes while the test runs (unlike the temp root).
        Path listed = TestJars.demoPolicy().getParent();
        for (Map.Entry<String, Function<Http, HttpResponse<String>>> call : BenignCalls.reads(listed).entrySet()) {
            Outcome without = Outcome.of(call.getValue().apply(plain.http()));
            Outcome with = Outcome.of(call.getValue().apply(guarded.http()));

            assertThat(with).as(call.getKey()).isEqualTo(without);
        }
    }

    @Test
    @Order(2)
    void benignWritesGetIdenticalResponses(@TempDir Path freshPlainDir, @TempDir Path freshGuardedDir) {
        PolicyFiles.copyDemoPolicy(freshGuardedDir);
        List<Outcome> without = new ArrayList<>();
        List<Outcome> with = new ArrayList<>();
        try (DemoProcess freshPlain = DemoProcess.start(JvmCommand.demo(freshPlainDir));
                DemoProcess freshGuarded = DemoProcess.start(JvmCommand.demo(freshGuardedDir).withAgent())) {
            for (Function<Http, HttpResponse<String>> call : BenignCalls.writes()) {
                without.add(Outcome.of(call.apply(freshPlain.http())));
                with.add(Outcome.of(call.apply(freshGuarded.http())));
            }
        }

        assertThat(with).isEqualTo(without);
        assertThat(without.get(0).status()).isEqualTo(201);
    }

    @Test
    @Order(3)
    void sqlAttackOnSearchIsBlockedWithProblemJsonAndOneLogEvent() {
        HttpResponse<String> response =
            guarded.http().get("/api/products/search", "q", DemoAttacks.SEARCH_DROP_SECRETS);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.mediaType(response)).isEqualTo("application/problem+json");
        JsonNode problem = Http.json(response);
        assertThat(problem.get("type").isTextual()).isTrue();
        assertThat(problem.get("title").isTextual()).isTrue();
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("detail").isTextual()).isTrue();
        String eventId = problem.get("eventId").asText();
        assertThat(eventId).isNotBlank();
        assertThat(response.body()).doesNotContain("SECRETS", "demo-secret", "Exception", "\tat ");

        JsonNode summary = Http.json(guarded.http().get("/api/reports/summary"));
        assertThat(summary.get("apiKeys").asInt()).as("the secrets table survived").isEqualTo(2);

        AttackLog log = guarded.attackLog();
        JsonNode event = log.await(AttackLog.where("event.id", eventId), LOG_WAIT).orElseThrow(
            () -> new AssertionError("no log event " + eventId + " in " + log.events()));
        assertThat(log.matching(AttackLog.where("event.id", eventId))).hasSize(1);
        assertThat(AttackLog.text(event, "@timestamp")).isNotBlank();
        assertThat(AttackLog.text(event, "event.action")).isEqualTo("sql-injection-blocked");
        assertThat(AttackLog.text(event, "event.kind")).isEqualTo("alert");
        assertThat(AttackLog.text(event, "source.ip")).isEqualTo("127.0.0.1");
        assertThat(AttackLog.text(event, "url.path")).isEqualTo("/api/products/search");
        assertThat(AttackLog.text(event, "bulwark.input.source")).isEqualTo("query");
        assertThat(AttackLog.text(event, "bulwark.input.name")).isEqualTo("q");
    }

    static Stream<Arguments> sqlAttacks() {
        return Stream.of(
            Arguments.of("search tautology", (Function<Http, HttpResponse<String>>) http ->
                http.get("/api/products/search", "q", DemoAttacks.SEARCH_TAUTOLOGY)),
            Arguments.of("search union", (Function<Http, HttpResponse<String>>) http ->
                http.get("/api/products/search", "q", DemoAttacks.SEARCH_UNION_SECRETS)),
            Arguments.of("order id tautology", (Function<Http, HttpResponse<String>>) http ->
                http.get("/api/orders/" + Http.segment(DemoAttacks.ORDER_ID_TAUTOLOGY))),
            Arguments.of("sort oracle", (Function<Http, HttpResponse<String>>) http ->
                http.get("/api/products", "sort", DemoAttacks.SORT_ORACLE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqlAttacks")
    @Order(4)
    void everySqlFlawIsBlocked(String name, Function<Http, HttpResponse<String>> attack) {
        HttpResponse<String> response = attack.apply(guarded.http());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.mediaType(response)).isEqualTo("application/problem+json");
        assertThat(response.body()).doesNotContain("demo-secret");
        assertThat(guarded.attackLog().await(AttackLog.where("event.id", Http.json(response).get("eventId").asText()),
            LOG_WAIT)).isPresent();
    }

    @Test
    @Order(5)
    void shellAttackIsBlockedAndTheCommandNeverRuns() {
        Path marker = protectedDir.resolve("ping-marker");

        HttpResponse<String> response = guarded.http().get("/api/tools/ping", "host", DemoAttacks.pingTouch(marker));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.mediaType(response)).isEqualTo("application/problem+json");
        assertThat(marker).doesNotExist();
        String eventId = Http.json(response).get("eventId").asText();
        JsonNode event = guarded.attackLog().await(AttackLog.where("event.id", eventId), LOG_WAIT).orElseThrow();
        assertThat(AttackLog.text(event, "event.action")).isEqualTo("shell-injection-blocked");
        assertThat(AttackLog.text(event, "bulwark.input.name")).isEqualTo("host");
    }

    @Test
    @Order(6)
    void blockedAttackThatTheAppCatchesStillEndsIn403() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", DemoAttacks.LOGIN_BYPASS_USER);
        form.put("password", "not-the-password");

        HttpResponse<String> response = guarded.http().postForm("/api/login", form);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.mediaType(response)).isEqualTo("application/problem+json");
        assertThat(response.body()).doesNotContain("admin");
        String eventId = Http.json(response).get("eventId").asText();
        JsonNode event = guarded.attackLog().await(AttackLog.where("event.id", eventId), LOG_WAIT).orElseThrow();
        assertThat(AttackLog.text(event, "bulwark.input.source")).isEqualTo("form");
        assertThat(AttackLog.text(event, "bulwark.input.name")).isEqualTo("username");
    }

    @Test
    @Order(7)
    void sqlAttackInAJsonBodyIsBlockedAndNothingIsInserted() {
        String ordersBefore = guarded.http().get("/api/orders").body();

        HttpResponse<String> response = guarded.http().postJson("/api/orders", Http.toJson(Map.of(
            "customer", DemoAttacks.ORDER_CUSTOMER_DROP, "productId", 1, "quantity", 1)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(guarded.http().get("/api/orders").body()).isEqualTo(ordersBefore);
        assertThat(Http.json(guarded.http().get("/api/reports/summary")).get("apiKeys").asInt()).isEqualTo(2);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void agentPrintsNothingButOneBannerLine() {
        // Let anything asynchronous (a late warning, a stack trace from a pool thread) arrive before judging.
        guarded.jvm().awaitStderrLine(line -> false, Duration.ofMillis(500));

        assertThat(guarded.stdoutLines()).containsExactly("Demo listening on " + guarded.baseUri());
        assertThat(guarded.stderrLines()).hasSize(1);
        assertThat(guarded.stderrLines().get(0)).startsWith("[bulwark]");
        assertThat(plain.stderrLines()).isEmpty();
    }
}
