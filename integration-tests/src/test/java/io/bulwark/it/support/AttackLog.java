package io.bulwark.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the agent's JSON-lines attack log. The agent writes it asynchronously, so readers wait for the line they
 * expect. A last line without its newline is still being written and is not parsed yet; any other line that is not
 * a JSON object fails the read, since a broken line is a bug in the writer.
 */
public final class AttackLog {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(50);

    private final Path file;

    public AttackLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Every complete event so far; empty when the file does not exist yet. */
    public List<JsonNode> events() {
        if (!Files.exists(file)) {
            return List.of();
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int end = content.lastIndexOf('\n');
        List<JsonNode> events = new ArrayList<>();
        if (end < 0) {
            return events;
        }
        for (String line : content.substring(0, end).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            events.add(parse(line));
        }
        return events;
    }

    public List<JsonNode> matching(Predicate<JsonNode> predicate) {
        return events().stream().filter(predicate).toList();
    }

    /** The first event matching, polling the file up to the timeout. */
    public Optional<JsonNode> await(Predicate<JsonNode> predicate, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<JsonNode> found = events().stream().filter(predicate).findFirst();
            if (found.isPresent() || System.nanoTime() - deadline >= 0) {
                return found;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The text at a dotted ECS path in the nested form ({@code event.action} is {"event":{"action":..}}), or null. */
    public static String text(JsonNode event, String dottedPath) {
        JsonNode node = event.at("/" + dottedPath.replace('.', '/'));
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    /** Matches events whose field at the dotted path has exactly this text. */
    public static Predicate<JsonNode> where(String dottedPath, String expected) {
        return event -> expected.equals(text(event, dottedPath));
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IllegalStateException("attack log line is not a JSON object: " + line);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("attack log line is not JSON: " + line, e);
        }
    }
}
