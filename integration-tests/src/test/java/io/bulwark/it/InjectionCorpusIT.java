package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.BenignCalls.Outcome;
import io.bulwark.it.support.CorpusCase;
import io.bulwark.it.support.CorpusRoutes;
import io.bulwark.it.support.DemoData;
import io.bulwark.it.support.DemoInputs;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.Http;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.Probe;
import io.bulwark.it.support.TraceAttacks;

/**
 * The engine's injection corpora, end to end: every attack sent through the demo under the agent ends in 403
 * problem+json, exactly one attack-log event with that response's id, and no trace of the statement or command;
 * every benign value gets the same answer as from the demo without the agent. One demo JVM with the agent and one
 * without; failures are collected and reported all at once, each with the case, the endpoint and what came back.
 * Ordered because the last test changes the unprotected demo's data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InjectionCorpusIT {

    /** The whole run's events arrive together; a generous wait once, not one per request. */
    private static final Duration LOG_WAIT = Duration.ofSeconds(30);
    /** No rate limit: a 429 would look like a block, and the run sends a few thousand requests a second. */
    private static final String POLICY = """
        {"version": 1, "mode": "block", "injection": {"sql": "block", "shell": "block"}}
        """;

    @TempDir
    static Path plainDir;
    @TempDir
    static Path guardedDir;
    @TempDir
    static Path markerDir;

    private static DemoProcess plain;
    private static DemoProcess guarded;
    /** Every event id a blocked request of this class was answered with, so far. */
    private static final Set<String> answeredIds = new HashSet<>();

    @BeforeAll
    static void startBoth() {
        PolicyFiles.write(guardedDir.resolve(PolicyFiles.DEFAULT_NAME), POLICY);
        plain = DemoProcess.start(JvmCommand.demo(plainDir));
        guarded = DemoProcess.start(JvmCommand.demo(guardedDir).withAgent());
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
    void benignValuesGetTheSameResponseAsWithoutTheAgent() {
        List<CorpusCase> cases = CorpusCase.load("benign.txt");
        CorpusRoutes routes = new CorpusRoutes();
        List<Probe> probes = cases.stream().flatMap(c -> routes.benign(c).stream()).toList();

        // Each demo sees the same requests in the same order (ids and rows stay alike); the two run side by side.
        CompletableFuture<List<Outcome>> withoutAgent = CompletableFuture.supplyAsync(() -> send(probes, plain));
        List<Outcome> withAgent = send(probes, guarded);
        List<Outcome> without = withoutAgent.join();

        List<String> differences = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            if (!withAgent.get(i).equals(without.get(i))) {
                differences.add(probes.get(i) + "\n    without agent: " + without.get(i)
                    + "\n    with agent:    " + withAgent.get(i));
            }
        }
        assertThat(differences).as("benign requests answered differently under the agent").isEmpty();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        assertThat(sources(probes)).containsKeys("query", "form", "path", "header", "cookie", "json");
        System.out.printf("[corpus] benign: %d values, %d requests to each demo, %s%n", cases.size(), probes.size(),
            sources(probes));
    }

    @Test
    @Order(2)
    void everyCorpusAttackIsBlockedWithOneLogEventAndLeavesNoTrace() {
        CorpusRoutes routes = new CorpusRoutes();
        List<Probe> sql = routed(CorpusCase.load("sql-attacks.txt"), routes::sqlAttack);
        List<Probe> shell = routed(CorpusCase.load("shell-attacks.txt"), routes::shellAttack);
        String before = DemoData.snapshot(guarded.http());

        List<String> failures = new ArrayList<>();
        Map<String, Probe> blocked = new LinkedHashMap<>();
        for (Probe probe : concat(sql, shell)) {
            expectBlocked(probe, probe.sendTo(guarded.http()), failures, blocked);
        }
        failures.addAll(logEventsMatch(blocked, sql.size() + shell.size()));

        assertThat(failures).as("attacks not blocked as promised").isEmpty();
        assertThat(DemoData.snapshot(guarded.http())).as("data after the attacks").isEqualTo(before);
        assertThat(sql).hasSizeGreaterThanOrEqualTo(150);
        assertThat(shell).hasSizeGreaterThanOrEqualTo(60);
        assertThat(sources(sql)).containsKeys("query", "form", "path", "header", "cookie", "json");
        System.out.printf("[corpus] attacks blocked: %d SQL %s, %d shell %s; not sent (no matching endpoint): %s%n",
            sql.size(), sources(sql), shell.size(), sources(shell), routes.unrouted());
    }

    @Test
    @Order(3)
    void attacksWithVisibleEffectsChangeNothingUnderTheAgentAndDoWithoutIt() {
        TraceAttacks traces = new TraceAttacks(markerDir);
        List<Probe> probes = traces.all();

        String before = DemoData.snapshot(guarded.http());
        List<String> failures = new ArrayList<>();
        Map<String, Probe> blocked = new LinkedHashMap<>();
        for (Probe probe : probes) {
            expectBlocked(probe, probe.sendTo(guarded.http()), failures, blocked);
        }
        failures.addAll(logEventsMatch(blocked, probes.size()));
        assertThat(failures).isEmpty();
        assertThat(traces.markersPresent()).as("files created by commands under the agent").isEmpty();
        assertThat(DemoData.snapshot(guarded.http())).isEqualTo(before);
        assertThat(traces.intruders(guarded.http())).as("rows inserted by statements under the agent").isZero();

        // The same requests without the agent: each one leaves its mark, so "nothing happened" above means blocked.
        probes.forEach(probe -> probe.sendTo(plain.http()));
        assertThat(traces.markersMissing()).as("commands that did not run even without the agent").isEmpty();
        assertThat(traces.intruders(plain.http())).as("rows inserted without the agent")
            .isEqualTo(traces.sqlCount());
    }

    @Test
    @Order(4)
    void formFieldsAreLoggedAsForm() {
        Probe probe = DemoInputs.loginForm("admin' --");
        HttpResponse<String> response = probe.sendTo(guarded.http());

        String eventId = Http.json(response).path("eventId").asText();
        JsonNode event = guarded.attackLog().await(AttackLog.where("event.id", eventId), LOG_WAIT).orElseThrow();
        assertThat(AttackLog.text(event, "bulwark.input.source")).isEqualTo("form");
    }

    private static List<Outcome> send(List<Probe> probes, DemoProcess demo) {
        List<Outcome> outcomes = new ArrayList<>(probes.size());
        for (Probe probe : probes) {
            outcomes.add(Outcome.of(probe.sendTo(demo.http())));
        }
        return outcomes;
    }

    private static List<Probe> routed(List<CorpusCase> cases, java.util.function.Function<CorpusCase, Probe> route) {
        return cases.stream().map(route).filter(Objects::nonNull).toList();
    }

    private static List<Probe> concat(List<Probe> a, List<Probe> b) {
        List<Probe> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, Long> sources(List<Probe> probes) {
        return probes.stream().collect(Collectors.groupingBy(Probe::source, java.util.TreeMap::new,
            Collectors.counting()));
    }

    private static void expectBlocked(Probe probe, HttpResponse<String> response, List<String> failures,
            Map<String, Probe> blocked) {
        String mediaType = Http.mediaType(response);
        if (response.statusCode() != 403 || !mediaType.equals("application/problem+json")) {
            failures.add(probe + " -> HTTP " + response.statusCode() + " " + mediaType + ": " + abbreviate(response.body()));
            return;
        }
        JsonNode problem = Http.json(response);
        String eventId = problem.path("eventId").asText("");
        if (eventId.isEmpty() || problem.path("status").asInt() != 403) {
            failures.add(probe + " -> problem without eventId or status 403: " + response.body());
            return;
        }
        if (blocked.put(eventId, probe) != null) {
            failures.add(probe + " -> event id " + eventId + " reused");
        }
    }

    /**
     * Waits once for every blocked request's event, then checks: one event per id, naming the input that carried
     * the attack, and no event the run did not cause.
     */
    private static List<String> logEventsMatch(Map<String, Probe> blocked, int sent) {
        AttackLog log = guarded.attackLog();
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        List<JsonNode> events = log.events();
        while (!idsOf(events).containsAll(blocked.keySet()) && System.nanoTime() < deadline) {
            sleep(100);
            events = log.events();
        }
        Map<String, List<JsonNode>> byId = events.stream()
            .collect(Collectors.groupingBy(e -> String.valueOf(AttackLog.text(e, "event.id"))));
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Probe> entry : blocked.entrySet()) {
            Probe probe = entry.getValue();
            List<JsonNode> found = byId.getOrDefault(entry.getKey(), List.of());
            if (found.size() != 1) {
                failures.add(probe + " -> " + found.size() + " log events with id " + entry.getKey());
                continue;
            }
            JsonNode event = found.get(0);
            String source = AttackLog.text(event, "bulwark.input.source");
            String name = AttackLog.text(event, "bulwark.input.name");
            if (!loggedSources(probe).contains(source) || !probe.name().equalsIgnoreCase(String.valueOf(name))) {
                failures.add(probe + " -> logged as input " + source + ":" + name);
            }
        }
        answeredIds.addAll(blocked.keySet());
        Map<String, List<JsonNode>> unexpected = new HashMap<>(byId);
        unexpected.keySet().removeAll(answeredIds);
        if (!unexpected.isEmpty()) {
            failures.add("log events no blocked request caused: " + unexpected.values());
        }
        if (blocked.size() != sent && failures.isEmpty()) {
            failures.add("only " + blocked.size() + " of " + sent + " attacks were blocked");
        }
        return failures;
    }

    /** The source the log must name. */
    private static Set<String> loggedSources(Probe probe) {
        return Set.of(probe.source());
    }

    private static List<String> idsOf(List<JsonNode> events) {
        return events.stream().map(e -> AttackLog.text(e, "event.id")).toList();
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
