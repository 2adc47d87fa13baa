package io.bulwark.agent.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The test's own count of a log, done the way one would with {@code jq}: one parsed tree per line, then
 * {@code select(.event.kind=="alert") | group_by(...)}. It shares nothing with the report's streaming reader.
 */
final class JqCount {
    private static final ObjectMapper JSON = new ObjectMapper();

    long lines;
    long malformed;
    long foreign;
    long events;
    long attacks;
    long blocked;
    long monitored;
    final Map<String, Long> byAction = new TreeMap<>();
    final Map<String, Long> blockedByAction = new TreeMap<>();
    final Map<String, Long> requestsByAction = new TreeMap<>();
    final Map<String, Long> bySource = new TreeMap<>();
    final Map<String, Long> byPath = new TreeMap<>();
    final Map<String, Long> otherEvents = new TreeMap<>();

    static JqCount of(List<Path> files) throws IOException {
        JqCount count = new JqCount();
        for (Path file : files) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank()) {
                        count.line(line);
                    }
                }
            }
        }
        return count;
    }

    private static InputStream open(Path file) throws IOException {
        byte[] head = new byte[2];
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(head, 0, 2);
        }
        InputStream in = Files.newInputStream(file);
        return head[0] == (byte) 0x1f && head[1] == (byte) 0x8b ? new GZIPInputStream(in) : in;
    }

    private void line(String line) {
        lines++;
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            malformed++;
            return;
        }
        if (node == null || !node.isObject() || !node.at("/event/action").isTextual()
                || !isInstant(node.path("@timestamp").asText())) {
            foreign++;
            return;
        }
        events++;
        String action = node.at("/event/action").asText();
        if (!"alert".equals(node.at("/event/kind").asText())) {
            otherEvents.merge(action, 1L, Long::sum);
            return;
        }
        attacks++;
        boolean block = "block".equals(node.at("/bulwark/mode").asText());
        if (block) {
            blocked++;
            blockedByAction.merge(action, 1L, Long::sum);
        } else {
            monitored++;
        }
        byAction.merge(action, 1L, Long::sum);
        long count = node.at("/bulwark/count").asLong(1);
        requestsByAction.merge(action, count > 0 ? count : 1, Long::sum);
        if (node.at("/source/ip").isTextual()) {
            bySource.merge(node.at("/source/ip").asText(), 1L, Long::sum);
        }
        if (node.at("/url/path").isTextual()) {
            byPath.merge(node.at("/url/path").asText(), 1L, Long::sum);
        }
    }

    private static boolean isInstant(String text) {
        try {
            java.time.OffsetDateTime.parse(text);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** Attacks of one report type: the sum over the actions that {@link AttackType} groups under it. */
    long ofType(Map<String, Long> counts, String... actions) {
        long sum = 0;
        for (String action : actions) {
            sum += counts.getOrDefault(action, 0L);
        }
        return sum;
    }
}
