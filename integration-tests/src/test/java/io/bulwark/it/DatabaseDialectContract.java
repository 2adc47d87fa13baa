package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.DialectCase;
import io.bulwark.it.support.DialectCase.Leak;
import io.bulwark.it.support.Http;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.TestJars;

/**
 * What every database must show, run by one subclass per database: {@code DatabaseApp} without the agent leaks
 * to each attack (so the block is real), and under the agent the same attack ends in 403 with one event that names
 * the database's dialect and the app's frame (not the pool's or Spring's); benign values, including ones that look
 * like the dialect's own tricks but sit inside a literal, get the same answer as without the agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseDialectContract {

    private static final String SEARCHED = "nothing by this name";
    private static final Duration LOG_WAIT = Duration.ofSeconds(5);

    private Path plainDir;
    private Path guardedDir;
    private DemoProcess plain;
    private DemoProcess guarded;

    /** A URL, user and password that reach a database the test started (or an in-process one). */
    record Database(String jdbcUrl, String user, String password) {
    }

    abstract Database database(Path workDir) throws Exception;

    /** The engine's name for the dialect the URL must select, as the event writes it. */
    abstract String expectedDialect();

    /** The cases every database shares plus its own tricks. */
    abstract List<DialectCase> dialectCases();

    /** The pool under the agent; Hikari by default, as in most production apps. */
    String pool() {
        return "hikari";
    }

    void stopDatabase() throws Exception {
    }

    @BeforeAll
    void start() throws Exception {
        plainDir = Files.createTempDirectory("db-plain");
        guardedDir = Files.createTempDirectory("db-guarded");
        Database db = database(plainDir);
        PolicyFiles.copyDemoPolicy(guardedDir);
        plain = DemoProcess.start(app(plainDir, db, "none"));
        guarded = DemoProcess.start(app(guardedDir, db, pool()).withAgent());
    }

    @AfterAll
    void stop() throws Exception {
        for (DemoProcess app : new DemoProcess[] {guarded, plain}) {
            if (app != null) {
                app.close();
            }
        }
        stopDatabase();
    }

    private static JvmCommand app(Path dir, Database db, String pool) {
        return JvmCommand.mainClass(dir, List.of(TestJars.demo()), "io.bulwark.dbapp.DatabaseApp")
            .args("--jdbc-url", db.jdbcUrl(), "--user", db.user(), "--password", db.password(), "--pool", pool);
    }

    Stream<DialectCase> attacks() {
        return cases().filter(c -> c.leaks() != null);
    }

    Stream<DialectCase> benign() {
        return cases().filter(c -> c.leaks() == null);
    }

    private Stream<DialectCase> cases() {
        List<DialectCase> all = new ArrayList<>(List.of(
            DialectCase.attack("concat", "' OR '1'='1", Leak.ALL_ITEMS),
            DialectCase.attack("concat", "x' UNION SELECT secret FROM secrets -- ", Leak.SECRET),
            DialectCase.attack("template", "' OR '1'='1", Leak.ALL_ITEMS),
            DialectCase.attack("template", "x' UNION SELECT secret FROM secrets -- ", Leak.SECRET),
            DialectCase.benign("concat", "Desk Lamp"),
            DialectCase.benign("concat", "50% -- off"),
            DialectCase.benign("concat", "#1 choice"),
            DialectCase.benign("concat", "/*! not code */"),
            DialectCase.benign("concat", "$$ not a quote $$"),
            DialectCase.benign("escaped", "it's"),
            DialectCase.benign("escaped", "x' OR '1'='1"),
            DialectCase.benign("template", "Webcam"),
            DialectCase.benign("prepared", "' OR '1'='1")));
        all.addAll(dialectCases());
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void attackLeaksWithoutTheAgentAndIsBlockedUnderIt(DialectCase attack) {
        HttpResponse<String> open = send(plain, attack);
        assertThat(open.statusCode()).as("without the agent: " + open.body()).isEqualTo(200);
        if (attack.leaks() == Leak.ALL_ITEMS) {
            assertThat(Http.json(open)).hasSize(3);
        } else {
            assertThat(open.body()).contains("s3cret-token");
        }

        HttpResponse<String> blocked = send(guarded, attack);

        assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(403);
        String eventId = Http.json(blocked).get("eventId").asText();
        AttackLog log = guarded.attackLog();
        JsonNode event = log.await(AttackLog.where("event.id", eventId), LOG_WAIT)
            .orElseThrow(() -> new AssertionError("no event " + eventId + " in " + log.events()));
        assertThat(AttackLog.text(event, "bulwark.sink.dialect")).isEqualToIgnoringCase(expectedDialect());
        assertThat(event.path("bulwark").path("call_site").get(0).asText()).startsWith("io.bulwark.dbapp.ItemServlet");
        // One statement through pool proxy, Spring and driver is one sink, so one event per blocked request.
        String path = attack.path();
        assertThat(log.matching(e -> path.equals(AttackLog.text(e, "url.path"))
            && attack.value().equals(AttackLog.text(e, "bulwark.input.value")))).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benign")
    void benignValueGetsTheSameAnswerAsWithoutTheAgent(DialectCase benign) {
        HttpResponse<String> open = send(plain, benign);
        HttpResponse<String> guardedAnswer = send(guarded, benign);

        assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
        assertThat(guardedAnswer.statusCode()).as(guardedAnswer.body()).isEqualTo(200);
        assertThat(guardedAnswer.body()).isEqualTo(open.body());
    }

    @Test
    void agentPrintsOnlyItsBanner() {
        send(guarded, DialectCase.benign("concat", SEARCHED));
        assertThat(guarded.stderrLines()).singleElement().asString().startsWith("[bulwark] Bulwark ");
    }

    private static HttpResponse<String> send(DemoProcess app, DialectCase c) {
        return app.http().get(c.path(), "name", c.value());
    }
}
