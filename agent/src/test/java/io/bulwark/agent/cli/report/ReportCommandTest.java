package io.bulwark.agent.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.agent.log.EventActions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void countsOfARotatedGzippedLogEqualAnIndependentCount() throws IOException {
        Path live = dir.resolve("bulwark-attacks.jsonl");
        GeneratedLog.write(live, 16 * 1024, 50, GeneratedLog.mixed(42, 600));
        List<Path> files = GeneratedLog.withRotated(live);
        assertThat(files).as("the writer rotated").hasSizeGreaterThan(5).contains(dir.resolve("bulwark-attacks.jsonl.1"));
        // As logrotate leaves them: one compressed with its .gz name, one compressed but still named .3.
        GeneratedLog.gzip(dir.resolve("bulwark-attacks.jsonl.2"), dir.resolve("bulwark-attacks.jsonl.2.gz"));
        GeneratedLog.gzip(dir.resolve("bulwark-attacks.jsonl.3"), dir.resolve("bulwark-attacks.jsonl.3"));
        GeneratedLog.append(live, "this is not json\n{\"event\":{\"action\":\"sql-injection-blocked\"\n"
                + "{\"level\":\"INFO\",\"msg\":\"another tool\"}\n[1,2,3]\n\n");
        files = GeneratedLog.withRotated(live);

        Run run = report(json(files));
        JqCount expected = JqCount.of(files);

        assertThat(run.status).as(run.err).isZero();
        JsonNode summary = JSON.readTree(run.out);
        assertThat(expected.attacks).isGreaterThan(400);
        assertThat(summary.get("lines").asLong()).isEqualTo(expected.lines);
        assertThat(summary.get("events").asLong()).isEqualTo(expected.events);
        assertThat(summary.at("/skipped/malformed").asLong()).isEqualTo(expected.malformed).isEqualTo(2);
        assertThat(summary.at("/skipped/foreign").asLong()).isEqualTo(expected.foreign).isEqualTo(2);
        assertThat(summary.at("/attacks/total").asLong()).isEqualTo(expected.attacks);
        assertThat(summary.at("/attacks/blocked").asLong()).isEqualTo(expected.blocked);
        assertThat(summary.at("/attacks/monitored").asLong()).isEqualTo(expected.monitored);

        Map<String, JsonNode> types = byKey(summary.get("types"), "type");
        assertThat(types.keySet()).containsExactlyInAnyOrder("sql-injection", "shell-injection", "auth-denied",
                "rate-limited", "brute-force", "input-invalid");
        assertThat(types.get("sql-injection").get("events").asLong()).isEqualTo(
                expected.ofType(expected.byAction, EventActions.SQL_INJECTION_BLOCKED,
                        EventActions.SQL_INJECTION_DETECTED));
        assertThat(types.get("sql-injection").get("blocked").asLong())
                .isEqualTo(expected.ofType(expected.blockedByAction, EventActions.SQL_INJECTION_BLOCKED));
        assertThat(types.get("sql-injection").get("monitored").asLong())
                .isEqualTo(expected.ofType(expected.byAction, EventActions.SQL_INJECTION_DETECTED));
        assertThat(types.get("shell-injection").get("events").asLong()).isEqualTo(
                expected.ofType(expected.byAction, EventActions.SHELL_INJECTION_BLOCKED,
                        EventActions.SHELL_INJECTION_DETECTED));
        for (String[] simple : new String[][] {{"auth-denied", EventActions.AUTH_DENIED},
                {"brute-force", EventActions.BRUTE_FORCE_BLOCKED}, {"input-invalid", EventActions.INPUT_INVALID},
                {"rate-limited", EventActions.RATE_LIMITED}}) {
            JsonNode row = types.get(simple[0]);
            assertThat(row.get("events").asLong()).as(simple[0]).isEqualTo(expected.byAction.get(simple[1]));
            assertThat(row.get("blocked").asLong()).as(simple[0])
                    .isEqualTo(expected.blockedByAction.getOrDefault(simple[1], 0L));
            assertThat(row.get("requests").asLong()).as(simple[0]).isEqualTo(expected.requestsByAction.get(simple[1]));
        }
        assertThat(types.get("rate-limited").get("requests").asLong())
                .as("a folded rate-limit line counts its refusals").isGreaterThan(types.get("rate-limited")
                        .get("events").asLong());

        assertThat(counts(summary.at("/sources/top"))).isEqualTo(expected.bySource);
        assertThat(counts(summary.at("/routes/top"))).isEqualTo(expected.byPath);
        Map<String, Long> others = new HashMap<>();
        summary.get("otherEvents").forEach(n -> others.put(n.get("action").asText(), n.get("events").asLong()));
        assertThat(others).isEqualTo(expected.otherEvents);

        long inTimeline = 0;
        for (JsonNode bucket : summary.at("/timeline/buckets")) {
            inTimeline += bucket.get("blocked").asLong() + bucket.get("monitored").asLong();
        }
        assertThat(inTimeline).isEqualTo(expected.attacks);
        assertThat(summary.at("/timeline/buckets").size()).isBetween(2, HtmlReport.TIMELINE_BARS);
    }

    @Test
    void latestEventsAreTheNewestByTimestampWhateverTheFileOrder() throws IOException {
        Path live = dir.resolve("bulwark-attacks.jsonl");
        List<io.bulwark.agent.log.AttackEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(GeneratedLog.attack(GeneratedLog.START.plusSeconds(i * 60L), EventActions.AUTH_DENIED, true,
                    "192.0.2." + i, "/p/" + i, 401).id("ev" + i).build());
        }
        GeneratedLog.write(live, 2048, 50, events);
        List<Path> files = new ArrayList<>(GeneratedLog.withRotated(live));
        assertThat(files).hasSizeGreaterThan(3);

        Run run = report(List.of("--json", "--latest", "3", files.get(0).toString(), files.get(1).toString(),
                files.get(files.size() - 1).toString()));

        assertThat(run.status).as(run.err).isZero();
        JsonNode latest = JSON.readTree(run.out).get("latest");
        assertThat(latest).hasSize(3);
        assertThat(latest.get(0).get("id").asText()).isEqualTo("ev29");
        assertThat(latest.get(1).get("id").asText()).isEqualTo("ev28");
        assertThat(latest.get(2).get("id").asText()).isEqualTo("ev27");
        assertThat(latest.get(0).get("@timestamp").asText()).isEqualTo("2026-11-27T22:29:00.000Z");
    }

    @Test
    void theSameFileNamedTwiceIsCountedOnce() throws IOException {
        Path live = dir.resolve("bulwark-attacks.jsonl");
        GeneratedLog.write(live, 1 << 20, 2, GeneratedLog.mixed(7, 50));
        JqCount expected = JqCount.of(List.of(live));

        Run run = report(List.of("--json", live.toString(), dir.resolve(".").resolve("bulwark-attacks.jsonl")
                .toString()));

        assertThat(JSON.readTree(run.out).get("lines").asLong()).isEqualTo(expected.lines).isEqualTo(50);
    }

    @Test
    void htmlPageEscapesEveryValueFromTheLog(@TempDir Path out) throws IOException {
        Path live = dir.resolve("bulwark-attacks.jsonl");
        String evilPath = "/search/<script>alert(1)</script>\"'&";
        GeneratedLog.write(live, 1 << 20, 2, List.of(
                GeneratedLog.attack(GeneratedLog.START, EventActions.SQL_INJECTION_BLOCKED, true,
                        "<img src=x onerror=alert(2)>", evilPath, 403).id("<b>id</b>").build(),
                GeneratedLog.attack(GeneratedLog.START.plusSeconds(5), "<svg onload=alert(3)>", true,
                        "192.0.2.1", "/ok", 403).build()));
        Path html = out.resolve("report.html");

        Run run = report(List.of("--html", html.toString(), live.toString()));

        assertThat(run.status).as(run.err).isZero();
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page.toLowerCase()).doesNotContain("<script", "<img", "<svg onload", "<b>id");
        assertThat(page).contains("/search/&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;")
                .contains("&lt;img src=x onerror=alert(2)&gt;")
                .contains("&lt;svg onload=alert(3)&gt;")
                .contains("default-src 'none'");
        assertThat(page).doesNotContain("http://", "https://");
        assertThat(dataCount(page, "chart-routes", evilPathEscaped(evilPath))).isEqualTo(1);
    }

    @Test
    void htmlChartsCarryTheCounts(@TempDir Path out) throws IOException {
        Path live = dir.resolve("bulwark-attacks.jsonl");
        GeneratedLog.write(live, 1 << 20, 2, GeneratedLog.mixed(3, 300));
        JqCount expected = JqCount.of(List.of(live));
        Path html = out.resolve("report.html");

        Run run = report(List.of("--html", html.toString(), "--top", "20", live.toString()));

        assertThat(run.status).as(run.err).isZero();
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(dataCount(page, "chart-types", "auth-denied")).isEqualTo(expected.byAction.get("auth-denied"));
        assertThat(dataCount(page, "chart-types", "sql-injection")).isEqualTo(expected.ofType(expected.byAction,
                EventActions.SQL_INJECTION_BLOCKED, EventActions.SQL_INJECTION_DETECTED));
        for (Map.Entry<String, Long> source : expected.bySource.entrySet()) {
            assertThat(dataCount(page, "chart-sources", source.getKey())).as(source.getKey())
                    .isEqualTo(source.getValue());
        }
        long timeline = 0;
        Matcher bucket = Pattern.compile("<g class=\"bucket\" data-start=\"[^\"]+\" data-count=\"(\\d+)\"")
                .matcher(page);
        while (bucket.find()) {
            timeline += Long.parseLong(bucket.group(1));
        }
        assertThat(timeline).isEqualTo(expected.attacks);
        assertThat(page).contains("<dd data-field=\"attacks\">" + expected.attacks + "</dd>");
        assertThat(Pattern.compile("<tr data-event-id=").matcher(page).results().count())
                .isEqualTo(ReportOptions.DEFAULT_LATEST);
    }

    @Test
    void terminalSummaryFitsEightyColumnsAndCarriesNoControlCharacters() throws IOException {
        Path live = dir.resolve("bulwark-attacks.jsonl");
        List<io.bulwark.agent.log.AttackEvent> events = new ArrayList<>(GeneratedLog.mixed(11, 200));
        events.add(GeneratedLog.attack(GeneratedLog.START, EventActions.SQL_INJECTION_BLOCKED, true,
                "\u001b]0;pwned\u0007", "/x\u001b[2J\u202eevil/" + "a".repeat(300), 403).build());
        GeneratedLog.write(live, 1 << 20, 2, events);

        Run run = report(List.of(live.toString()));

        assertThat(run.status).as(run.err).isZero();
        assertThat(run.out).contains("Attacks by type", "Top sources", "Top routes", "Timeline", "Latest attacks")
                .doesNotContain("\u001b", "\u0007", "\u202e");
        for (String line : run.out.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
        }
        JqCount expected = JqCount.of(List.of(live));
        assertThat(run.out).containsPattern("attacks  " + expected.attacks + ": " + expected.blocked + " blocked, "
                + expected.monitored + " monitored");
    }

    @Test
    void malformedAndForeignLinesAreCountedAndSkipped() throws IOException {
        Path file = dir.resolve("mixed.jsonl");
        Path valid = dir.resolve("valid.jsonl");
        GeneratedLog.write(valid, 1 << 20, 2, List.of(GeneratedLog.attack(Instant.parse("2026-01-01T00:00:00Z"),
                EventActions.RATE_LIMITED, true, "192.0.2.1", "/a", 429).count(7).build()));
        String good = Files.readString(valid).strip();
        byte[] huge = ("{\"x\":\"" + "A".repeat(LogReader.MAX_LINE_BYTES + 10) + "\"}\n").getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(file)) {
            out.write((good + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write("{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"event\":{\"action\":\"x\"}} trailing\n"
                    .getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
            out.write(huge);
            out.write("{\"@timestamp\":\"not a time\",\"event\":{\"action\":\"auth-denied\",\"kind\":\"alert\"}}\n"
                    .getBytes(StandardCharsets.UTF_8));
            out.write("\"just a string\"\n".getBytes(StandardCharsets.UTF_8));
            out.write((good + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(good.substring(0, good.length() / 2).getBytes(StandardCharsets.UTF_8));
        }

        Run run = report(json(List.of(file)));

        JsonNode summary = JSON.readTree(run.out);
        assertThat(summary.get("lines").asLong()).isEqualTo(8);
        assertThat(summary.get("events").asLong()).isEqualTo(2);
        assertThat(summary.at("/skipped/malformed").asLong()).as("trailing text, bad bytes, huge, half a line")
                .isEqualTo(4);
        assertThat(summary.at("/skipped/oversized").asLong()).isEqualTo(1);
        assertThat(summary.at("/skipped/foreign").asLong()).as("bad time, a string").isEqualTo(2);
        assertThat(summary.at("/types/0/requests").asLong()).isEqualTo(14);
    }

    @Test
    void exitCodesSayWhatWentWrong() throws IOException {
        Path missing = dir.resolve("no-such.jsonl");
        Path live = dir.resolve("bulwark-attacks.jsonl");
        Files.writeString(live, "");

        Run unreadable = report(List.of(live.toString(), missing.toString()));
        Run directory = report(List.of(dir.toString()));
        Run noFiles = report(List.of("--json"));
        Run unknown = report(List.of("--pdf", live.toString()));
        Run badNumber = report(List.of("--top", "-1", live.toString()));
        Run help = report(List.of("--help"));
        Run empty = report(List.of(live.toString()));

        assertThat(unreadable.status).isEqualTo(ReportCommand.UNREADABLE);
        assertThat(unreadable.err).contains(missing.toString(), "no such file");
        assertThat(unreadable.out).isEmpty();
        assertThat(directory.status).isEqualTo(ReportCommand.UNREADABLE);
        assertThat(directory.err).contains(dir.toString(), "a directory");
        assertThat(noFiles.status).isEqualTo(ReportCommand.USAGE);
        assertThat(noFiles.err).contains("at least one log file", "usage:");
        assertThat(unknown.status).isEqualTo(ReportCommand.USAGE);
        assertThat(unknown.err).contains("unknown option --pdf");
        assertThat(badNumber.status).isEqualTo(ReportCommand.USAGE);
        assertThat(help.status).isEqualTo(ReportCommand.OK);
        assertThat(help.out).contains("--html", "--json", "LOGFILE");
        assertThat(empty.status).isEqualTo(ReportCommand.OK);
        assertThat(empty.out).contains("attacks  0: 0 blocked, 0 monitored");
    }

    @Test
    void aTruncatedGzipIsReportedAsUnreadable() throws IOException {
        Path live = dir.resolve("bulwark-attacks.jsonl");
        GeneratedLog.write(live, 1 << 20, 2, GeneratedLog.mixed(5, 200));
        Path gz = dir.resolve("bulwark-attacks.jsonl.1.gz");
        GeneratedLog.gzip(live, gz);
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        Run run = report(List.of(gz.toString()));

        assertThat(run.status).isEqualTo(ReportCommand.UNREADABLE);
        assertThat(run.err).contains(gz.toString());
    }

    private static String evilPathEscaped(String path) {
        return SafeText.html(path);
    }

    /** The data-count of the bar whose data-key is {@code escapedKey} in the chart {@code chartId}. */
    private static long dataCount(String page, String chartId, String escapedKey) {
        int chart = page.indexOf("<svg id=\"" + chartId + "\"");
        assertThat(chart).as(chartId).isNotNegative();
        String svg = page.substring(chart, page.indexOf("</svg>", chart));
        Matcher m = Pattern.compile("<g class=\"bar\" data-key=\"" + Pattern.quote(escapedKey)
                + "\" data-count=\"(\\d+)\"").matcher(svg);
        assertThat(m.find()).as(escapedKey + " in " + chartId).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static Map<String, JsonNode> byKey(JsonNode array, String field) {
        Map<String, JsonNode> out = new HashMap<>();
        array.forEach(n -> out.put(n.get(field).asText(), n));
        return out;
    }

    private static Map<String, Long> counts(JsonNode top) {
        Map<String, Long> out = new java.util.TreeMap<>();
        top.forEach(n -> out.put(n.get("key").asText(), n.get("attacks").asLong()));
        return out;
    }

    private static List<String> json(List<Path> files) {
        List<String> args = new ArrayList<>(List.of("--json"));
        files.forEach(f -> args.add(f.toString()));
        return args;
    }

    private static Run report(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ReportCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }
}
