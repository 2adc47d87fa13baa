package io.bulwark.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackLogTest {

    private static final String BLOCKED = "{\"@timestamp\":\"2025-01-01T00:00:00Z\",\"event\":{\"id\":\"e1\","
        + "\"action\":\"sql-injection-blocked\",\"kind\":\"alert\"},\"bulwark\":{\"input\":{\"source\":\"query\","
        + "\"name\":\"q\"}}}\n";

    @Test
    void readsNestedEcsFieldsByDottedPath(@TempDir Path dir) throws Exception {
        AttackLog log = new AttackLog(Files.writeString(dir.resolve("log.jsonl"), BLOCKED));

        JsonNode event = log.events().get(0);

        assertThat(AttackLog.text(event, "event.action")).isEqualTo("sql-injection-blocked");
        assertThat(AttackLog.text(event, "bulwark.input.name")).isEqualTo("q");
        assertThat(AttackLog.text(event, "@timestamp")).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(AttackLog.text(event, "event.missing")).isNull();
    }

    @Test
    void skipsALastLineStillBeingWritten(@TempDir Path dir) throws Exception {
        AttackLog log = new AttackLog(Files.writeString(dir.resolve("log.jsonl"), BLOCKED + "{\"event\":{\"id\""));

        assertThat(log.events()).hasSize(1);
    }

    @Test
    void failsOnABrokenCompleteLine(@TempDir Path dir) throws Exception {
        AttackLog log = new AttackLog(Files.writeString(dir.resolve("log.jsonl"), "not json\n" + BLOCKED));

        assertThatThrownBy(log::events).hasMessageContaining("not json");
    }

    @Test
    void awaitsALineWrittenLater(@TempDir Path dir) {
        Path file = dir.resolve("log.jsonl");
        AttackLog log = new AttackLog(file);
        assertThat(log.events()).isEmpty();

        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(200);
                Files.writeString(file, BLOCKED, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(log.await(AttackLog.where("event.id", "e1"), Duration.ofSeconds(5))).isPresent();
        assertThat(log.await(AttackLog.where("event.id", "e2"), Duration.ofMillis(200))).isEmpty();
        writer.join();
    }
}
