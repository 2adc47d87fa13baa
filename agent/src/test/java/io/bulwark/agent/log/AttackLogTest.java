package io.bulwark.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REOPEN = Duration.ofSeconds(30);
    private static final Duration WINDOW = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final List<AttackLog> opened = new ArrayList<>();

    @AfterEach
    void closeLogs() {
        opened.forEach(AttackLog::close);
    }

    @Test
    void writesOneEcsJsonObjectPerLine() throws IOException {
        Path file = dir.resolve("bulwark-attacks.jsonl");
        AttackLog log = started(settings(file));

        AttackEvent blocked = sqlInjection("203.0.113.7").build();
        AttackEvent reloaded = AttackEvent.builder(Redactor.defaults())
                .action(EventActions.POLICY_RELOADED).type(EventType.CHANGE).category(EventCategory.CONFIGURATION)
                .policyFile("/etc/api/bulwark-policy.json").build();
        assertThat(log.offer(blocked)).isTrue();
        assertThat(log.offer(reloaded)).isTrue();
        assertThat(log.flush()).isTrue();

        List<JsonNode> lines = lines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).at("/event/id").asText()).isEqualTo(blocked.id());
        assertThat(lines.get(0).at("/event/kind").asText()).isEqualTo("alert");
        assertThat(lines.get(0).at("/event/action").asText()).isEqualTo("sql-injection-blocked");
        assertThat(lines.get(0).at("/source/ip").asText()).isEqualTo("203.0.113.7");
        assertThat(lines.get(0).at("/http/response/status_code").asInt()).isEqualTo(403);
        assertThat(lines.get(0).at("/bulwark/sink/kind").asText()).isEqualTo("sql");
        assertThat(lines.get(0).get("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(lines.get(1).at("/event/kind").asText()).isEqualTo("event");
        assertThat(lines.get(1).at("/bulwark/policy/file").asText()).isEqualTo("/etc/api/bulwark-policy.json");
        assertThat(stderr).isEmpty();
    }

    @Test
    void noCredentialReachesTheFile() throws IOException {
        Path file = dir.resolve("attacks.jsonl");
        AttackLog log = started(settings(file));
        String jwt = TestJwts.es256("alice");
        String apiKey = "k_live_8c1f2e9d4b7a6f30";
        String cookie = "JSESSIONID=4F1A9C2B7D3E8F60";
        String password = "correct-horse-battery";
        Redactor redactor = new Redactor(List.of("X-Orders-Key"), Redactor.DEFAULT_MAX_VALUE_CHARS);

        log.offer(AttackEvent.builder(redactor).action(EventActions.AUTH_DENIED)
                .input("header", "Authorization", "Bearer " + jwt).userAgent("client " + jwt).build());
        log.offer(AttackEvent.builder(redactor).action(EventActions.SQL_INJECTION_DETECTED)
                .input("header", "Cookie", cookie).build());
        log.offer(AttackEvent.builder(redactor).action(EventActions.AUTH_DENIED)
                .input("header", "X-API-Key", apiKey).build());
        log.offer(AttackEvent.builder(redactor).action(EventActions.AUTH_DENIED)
                .input("header", "X-Orders-Key", apiKey).build());
        log.offer(AttackEvent.builder(redactor).action(EventActions.SQL_INJECTION_BLOCKED)
                .urlQuery("q=1'--&api_key=" + apiKey + "&password=" + password + "&t=" + jwt)
                .input("json", "$.user.password", password)
                .urlPath("/reset/" + jwt)
                .sink("sql", "SELECT * FROM users WHERE token = '" + jwt + "'", "h2")
                .reason("token " + jwt + " rejected")
                .extra("presented", List.of(jwt, "ok"))
                .build());
        assertThat(log.flush()).isTrue();

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(lines(file)).hasSize(5);
        assertThat(text).doesNotContain(jwt, jwt.substring(0, jwt.indexOf('.')), apiKey, cookie, "4F1A9C2B7D3E8F60",
                password);
        assertThat(text).contains("[REDACTED]", "[REDACTED-JWT]", "q=1'--");
    }

    @Test
    void rotatesIntoNumberedFilesAndKeepsNoMoreThanMaxFiles() throws IOException {
        Path file = dir.resolve("attacks.jsonl");
        AttackLog log = started(settings(file).withQueueCapacity(1000).withReopenInterval(REOPEN));
        log.reconfigure(file, 2_000, 3);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            AttackEvent event = sqlInjection("198.51.100." + (i % 250)).build();
            ids.add(event.id());
            assertThat(log.offer(event)).isTrue();
        }
        assertThat(log.flush()).isTrue();

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("attacks.jsonl", "attacks.jsonl.1", "attacks.jsonl.2", "attacks.jsonl.3");
        }
        List<String> kept = new ArrayList<>();
        for (String name : List.of("attacks.jsonl.3", "attacks.jsonl.2", "attacks.jsonl.1", "attacks.jsonl")) {
            Path part = dir.resolve(name);
            assertThat(Files.size(part)).isLessThanOrEqualTo(2_000);
            lines(part).forEach(line -> kept.add(line.at("/event/id").asText()));
        }
        // The newest lines survive, in order, with nothing missing between the oldest kept and the last.
        assertThat(kept).isEqualTo(ids.subList(ids.size() - kept.size(), ids.size()));
        assertThat(kept.size()).isLessThan(ids.size());
    }

    @Test
    void aFullQueueDropsWithoutBlockingAndTheDropIsLogged() throws IOException {
        Path file = dir.resolve("attacks.jsonl");
        // Not started yet: the writer is held back, so the queue fills.
        AttackLog log = log(settings(file).withQueueCapacity(100));
        for (int i = 0; i < 100; i++) {
            assertThat(log.offer(sqlInjection("192.0.2.1").build())).isTrue();
        }
        AttackEvent overflow = sqlInjection("192.0.2.1").build();

        long started = System.nanoTime();
        int refused = 0;
        for (int i = 0; i < 50_000; i++) {
            if (!log.offer(overflow)) {
                refused++;
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(refused).isEqualTo(50_000);
        assertThat(millis).isLessThan(1_000);
        assertThat(log.dropped()).isEqualTo(50_000);

        clock.advance(WINDOW);
        log.start();
        assertThat(log.flush()).isTrue();

        List<JsonNode> lines = lines(file);
        assertThat(lines).hasSize(101);
        JsonNode report = dropReport(lines);
        assertThat(report.at("/bulwark/count").asLong()).isEqualTo(50_000);
        assertThat(report.at("/bulwark/dropped_queue_full").asLong()).isEqualTo(50_000);
        assertThat(report.at("/bulwark/rate_per_second").asDouble()).isEqualTo(5_000.0);
        assertThat(report.at("/bulwark/window/start").asText()).isEqualTo("2025-01-01T00:00:00.000Z");
        assertThat(report.at("/bulwark/window/end").asText()).isEqualTo("2025-01-01T00:00:10.000Z");
        assertThat(report.at("/event/kind").asText()).isEqualTo("event");
    }

    @Test
    void concurrentProducersLoseNothingUncounted() throws Exception {
        Path file = dir.resolve("attacks.jsonl");
        AttackLog log = started(settings(file).withQueueCapacity(256));
        int threads = 4;
        int perThread = 5_000;
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread producer = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    log.offer(sqlInjection("192.0.2.1").build());
                }
            });
            producers.add(producer);
            producer.start();
        }
        for (Thread producer : producers) {
            producer.join();
        }
        assertThat(log.flush()).isTrue();

        long written = Files.readAllLines(file).stream()
                .filter(line -> line.contains(EventActions.SQL_INJECTION_BLOCKED)).count();
        assertThat(written + log.dropped()).isEqualTo((long) threads * perThread);
        assertThat(written).isPositive();
    }

    @Test
    void dropsAreReportedOncePerWindow() throws IOException {
        Path file = dir.resolve("attacks.jsonl");
        AttackLog log = log(settings(file).withQueueCapacity(1));
        log.offer(sqlInjection("192.0.2.1").build());
        log.offer(sqlInjection("192.0.2.1").build());
        log.start();
        assertThat(log.flush()).isTrue();
        assertThat(lines(file)).hasSize(1);

        clock.advance(WINDOW.dividedBy(2));
        assertThat(log.flush()).isTrue();
        assertThat(lines(file)).hasSize(1);

        clock.advance(WINDOW.dividedBy(2));
        assertThat(log.flush()).isTrue();
        clock.advance(WINDOW);
        assertThat(log.flush()).isTrue();
        List<JsonNode> lines = lines(file);
        assertThat(lines).hasSize(2);
        assertThat(dropReport(lines).at("/bulwark/count").asLong()).isEqualTo(1);
    }

    @Test
    void aDirectoryInTheWayDropsEventsSaysSoOnceAndRecovers() throws IOException {
        Path file = dir.resolve("attacks.jsonl");
        Files.createDirectory(file);
        AttackLog log = started(settings(file));

        for (int i = 0; i < 5; i++) {
            assertThat(log.offer(sqlInjection("192.0.2.9").build())).isTrue();
        }
        assertThat(log.flush()).isTrue();
        clock.advance(REOPEN.dividedBy(2));
        log.offer(sqlInjection("192.0.2.9").build());
        assertThat(log.flush()).isTrue();
        clock.advance(REOPEN);
        log.offer(sqlInjection("192.0.2.9").build());
        assertThat(log.flush()).isTrue();

        assertThat(log.dropped()).isEqualTo(7);
        assertThat(stderr).containsExactly("[bulwark] attack log " + file
                + " is not writable (a directory is in the way); events are dropped until it is");

        Files.delete(file);
        clock.advance(REOPEN);
        AttackEvent afterwards = sqlInjection("192.0.2.10").build();
        log.offer(afterwards);
        assertThat(log.flush()).isTrue();

        assertThat(stderr).hasSize(2);
        assertThat(stderr.get(1)).isEqualTo("[bulwark] attack log " + file + " is writable again");
        List<JsonNode> lines = lines(file);
        assertThat(lines).hasSize(2);
        assertThat(dropReport(lines).at("/bulwark/dropped_unwritable").asLong()).isEqualTo(7);
        assertThat(lines).anySatisfy(line -> assertThat(line.at("/event/id").asText()).isEqualTo(afterwards.id()));
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsReportedWithoutThrowing() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path file = blocker.resolve("logs").resolve("attacks.jsonl");
        AttackLog log = started(settings(file));

        assertThat(log.offer(sqlInjection("192.0.2.9").build())).isTrue();
        assertThat(log.flush()).isTrue();

        assertThat(log.dropped()).isEqualTo(1);
        assertThat(stderr).singleElement().asString()
                .startsWith("[bulwark] attack log " + file + " is not writable (not a directory")
                .endsWith("); events are dropped until it is");
    }

    @Test
    void closeWritesEverythingQueued() throws IOException {
        Path file = dir.resolve("attacks.jsonl");
        AttackLog log = started(settings(file));
        for (int i = 0; i < 2_000; i++) {
            assertThat(log.offer(sqlInjection("192.0.2.1").build())).isTrue();
        }

        log.close();

        assertThat(lines(file)).hasSize(2_000);
        assertThat(log.offer(sqlInjection("192.0.2.1").build())).isFalse();
        assertThat(log.dropped()).isEqualTo(1);
    }

    @Test
    void closeWritesEvenWhenTheWriterNeverStarted() throws IOException {
        Path file = dir.resolve("attacks.jsonl");
        AttackLog log = log(settings(file));
        log.offer(sqlInjection("192.0.2.1").build());
        log.offer(sqlInjection("192.0.2.2").build());

        log.close();

        assertThat(lines(file)).hasSize(2);
    }

    @Test
    void reconfigureMovesTheLog() throws IOException {
        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("moved").resolve("second.jsonl");
        AttackLog log = started(settings(first));
        log.offer(sqlInjection("192.0.2.1").build());
        assertThat(log.flush()).isTrue();

        log.reconfigure(second, 1_000_000, 2);
        log.offer(sqlInjection("192.0.2.2").build());
        assertThat(log.flush()).isTrue();

        assertThat(lines(first)).singleElement()
                .satisfies(line -> assertThat(line.at("/source/ip").asText()).isEqualTo("192.0.2.1"));
        assertThat(lines(second)).singleElement()
                .satisfies(line -> assertThat(line.at("/source/ip").asText()).isEqualTo("192.0.2.2"));
    }

    @Test
    void appendsToAnExistingLogAndLeavesOthersNoReadAccess() throws IOException {
        Path file = dir.resolve("attacks.jsonl");
        AttackLog first = started(settings(file));
        first.offer(sqlInjection("192.0.2.1").build());
        first.close();
        AttackLog second = started(settings(file));
        second.offer(sqlInjection("192.0.2.2").build());
        second.close();

        assertThat(lines(file)).hasSize(2);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .endsWith("---");
        }
    }

    private AttackLogSettings settings(Path file) {
        return new AttackLogSettings(file, 10_000_000, 5, 8192, REOPEN, WINDOW);
    }

    private AttackLog log(AttackLogSettings settings) {
        AttackLog log = new AttackLog(settings, stderr::add, clock);
        opened.add(log);
        return log;
    }

    private AttackLog started(AttackLogSettings settings) {
        AttackLog log = log(settings);
        log.start();
        return log;
    }

    private static AttackEvent.Builder sqlInjection(String ip) {
        return AttackEvent.builder(Redactor.defaults())
                .kind(EventKind.ALERT)
                .category(EventCategory.INTRUSION_DETECTION, EventCategory.WEB)
                .type(EventType.DENIED)
                .action(EventActions.SQL_INJECTION_BLOCKED)
                .outcome(EventOutcome.FAILURE)
                .sourceIp(ip)
                .httpMethod("GET")
                .statusCode(403)
                .urlPath("/api/search")
                .input("query", "q", "x' OR '1'='1")
                .sink("sql", "SELECT * FROM items WHERE name = 'x' OR '1'='1'", "h2");
    }

    private static JsonNode dropReport(List<JsonNode> lines) {
        List<JsonNode> reports = lines.stream()
                .filter(line -> line.at("/event/action").asText().equals(EventActions.LOG_EVENTS_DROPPED))
                .toList();
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).isTrue();
            parsed.add(node);
        }
        return parsed;
    }
}
