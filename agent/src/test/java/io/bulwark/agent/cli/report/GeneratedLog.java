package io.bulwark.agent.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.agent.log.AttackEvent;
import io.bulwark.agent.log.AttackLog;
import io.bulwark.agent.log.AttackLogSettings;
import io.bulwark.agent.log.EventActions;
import io.bulwark.agent.log.EventCategory;
import io.bulwark.agent.log.EventKind;
import io.bulwark.agent.log.EventOutcome;
import io.bulwark.agent.log.EventType;
import io.bulwark.agent.log.Redactor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes attack logs through the agent's own {@link AttackLog} (its writer, its rotation), so the report is tested
 * against the lines the agent really produces, not a copy of their format.
 */
final class GeneratedLog {
    static final Instant START = Instant.parse("2026-11-27T22:00:00Z");

    private static final String[] SOURCES = {"203.0.113.7", "198.51.100.23", "192.0.2.10", "2001:db8::1", "10.0.0.5"};
    private static final String[] PATHS = {
        "/api/products/search", "/api/orders/7", "/api/login", "/api/tools/ping", "/api/reports/summary"};

    private GeneratedLog() {
    }

    /** Writes {@code events} through a real AttackLog at {@code file} and waits until all are on disk. */
    static void write(Path file, long maxFileSize, int maxFiles, List<AttackEvent> events) {
        AttackLog log = new AttackLog(AttackLogSettings.of(file, maxFileSize, maxFiles)
                .withQueueCapacity(Math.max(16, events.size() * 2)), line -> { }, Clock.systemUTC());
        try {
            log.start();
            for (AttackEvent event : events) {
                assertThat(log.offer(event)).as("the queue took the event").isTrue();
            }
            assertThat(log.flush()).as("the writer caught up").isTrue();
        } finally {
            log.close();
        }
    }

    /** A seeded mix of every attack type, both modes, five sources and five paths over about three hours. */
    static List<AttackEvent> mixed(long seed, int count) {
        Random random = new Random(seed);
        List<AttackEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant at = START.plusMillis((long) random.nextInt(3 * 3600) * 1000 + random.nextInt(1000));
            String ip = SOURCES[Math.min(SOURCES.length - 1, (int) Math.abs(random.nextGaussian() * 2))];
            String path = PATHS[random.nextInt(PATHS.length)];
            boolean block = random.nextInt(4) != 0;
            events.add(switch (random.nextInt(7)) {
                case 0 -> attack(at, block ? EventActions.SQL_INJECTION_BLOCKED : EventActions.SQL_INJECTION_DETECTED,
                        block, ip, path, 403).build();
                case 1 -> attack(at, block ? EventActions.SHELL_INJECTION_BLOCKED
                        : EventActions.SHELL_INJECTION_DETECTED, block, ip, path, 403).build();
                case 2 -> attack(at, EventActions.AUTH_DENIED, block, ip, path, 401).build();
                case 3 -> attack(at, EventActions.RATE_LIMITED, block, ip, path, 429)
                        .count(1 + random.nextInt(50)).build();
                case 4 -> attack(at, EventActions.BRUTE_FORCE_BLOCKED, true, ip, "/api/login", 429).build();
                case 5 -> attack(at, EventActions.INPUT_INVALID, block, ip, path, 400).build();
                default -> operational(at, random.nextBoolean() ? EventActions.POLICY_RELOADED
                        : EventActions.INSTRUMENTATION_GAP);
            });
        }
        return events;
    }

    static AttackEvent.Builder attack(Instant at, String action, boolean block, String ip, String path, int status) {
        AttackEvent.Builder event = AttackEvent.builder(Redactor.defaults())
                .timestamp(at)
                .kind(EventKind.ALERT)
                .category(EventCategory.INTRUSION_DETECTION, EventCategory.WEB)
                .type(block ? EventType.DENIED : EventType.INDICATOR)
                .action(action)
                .outcome(block ? EventOutcome.FAILURE : EventOutcome.UNKNOWN)
                .mode(block ? "block" : "monitor")
                .rule("rule." + action, action)
                .sourceIp(ip)
                .httpMethod("GET")
                .urlPath(path)
                .urlQuery("q=x%27%20OR%20%271%27%3D%271")
                .userAgent("curl/8.5.0");
        if (block) {
            event.statusCode(status);
        }
        return event;
    }

    static AttackEvent operational(Instant at, String action) {
        return AttackEvent.builder(Redactor.defaults()).timestamp(at).kind(EventKind.EVENT)
                .type(EventType.CHANGE).category(EventCategory.CONFIGURATION).action(action)
                .outcome(EventOutcome.SUCCESS).policyFile("/etc/api/bulwark-policy.json").build();
    }

    /** The live file and its rotated siblings, as RotatingFile names them. */
    static List<Path> withRotated(Path live) throws IOException {
        try (Stream<Path> files = Files.list(live.getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith(live.getFileName().toString()))
                    .sorted().toList();
        }
    }

    /** Replaces {@code file} by its gzip, under {@code target}'s name (which need not end in .gz). */
    static void gzip(Path file, Path target) throws IOException {
        byte[] plain = Files.readAllBytes(file);
        Files.delete(file);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            out.write(plain);
        }
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, java.nio.file.StandardOpenOption.APPEND);
    }
}
