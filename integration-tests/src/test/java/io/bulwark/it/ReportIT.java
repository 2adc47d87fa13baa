package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.Chromium;
import io.bulwark.it.support.DemoAttacks;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.ForkedJvm;
import io.bulwark.it.support.Http;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.TestJars;

/**
 * {@code java -jar bulwark-agent.jar report --html} on a log the agent wrote while the demo was attacked: the page
 * opens in headless Chromium, and the numbers its charts carry equal a count of the log done here.
 */
class ReportIT {

    private static final Duration LOG_WAIT = Duration.ofSeconds(10);
    private static final Duration COMMAND_WITHIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** SQL blocked, shell only watched: the log then holds both blocked and monitored attacks. */
    private static final String POLICY = """
        {
          "version": 1,
          "mode": "block",
          "injection": { "sql": "block", "shell": "monitor" }
        }
        """;

    @TempDir
    Path appDir;
    @TempDir
    Path reportDir;

    @Test
    void htmlReportOfARealLogShowsTheLogsCountsInABrowser() throws IOException {
        PolicyFiles.write(appDir.resolve(PolicyFiles.DEFAULT_NAME), POLICY);
        Path logFile;
        try (DemoProcess demo = DemoProcess.start(JvmCommand.demo(appDir).withAgent())) {
            Http http = demo.http();
            for (String attack : List.of(DemoAttacks.SEARCH_TAUTOLOGY, DemoAttacks.SEARCH_UNION_SECRETS,
                    DemoAttacks.SEARCH_COMMENT_TAUTOLOGY)) {
                assertThat(http.get("/api/products/search", "q", attack).statusCode()).isEqualTo(403);
            }
            assertThat(http.get("/api/orders/" + Http.segment(DemoAttacks.ORDER_ID_TAUTOLOGY)).statusCode())
                .isEqualTo(403);
            Map<String, String> form = new LinkedHashMap<>();
            form.put("username", DemoAttacks.LOGIN_BYPASS_USER);
            form.put("password", "x");
            assertThat(http.postForm("/api/login", form).statusCode()).isEqualTo(403);
            for (int i = 0; i < 2; i++) {
                http.get("/api/tools/ping", "host", DemoAttacks.pingTouch(appDir.resolve("marker-" + i)));
            }
            assertThat(http.get("/health").statusCode()).isEqualTo(200);
            AttackLog log = demo.attackLog();
            awaitAlerts(log, 7);
            logFile = log.file();
        }
        LogCount expected = LogCount.of(new AttackLog(logFile).events());
        assertThat(expected.attacks).isEqualTo(7);
        assertThat(expected.byType).containsEntry("sql-injection", 5L).containsEntry("shell-injection", 2L);
        Path page = reportDir.resolve("report.html");

        ForkedJvm report = run(JvmCommand.jar(reportDir, TestJars.agent())
            .args("report", "--html", page.toString(), "--json", logFile.toString()));

        JsonNode summary = JSON.readTree(report.stdout());
        assertThat(summary.at("/attacks/total").asLong()).isEqualTo(expected.attacks);
        assertThat(summary.at("/attacks/blocked").asLong()).isEqualTo(expected.blocked).isEqualTo(5);
        assertThat(summary.at("/attacks/monitored").asLong()).isEqualTo(expected.monitored).isEqualTo(2);
        assertThat(summary.at("/skipped/malformed").asLong()).isZero();

        Chromium chromium = Chromium.require();
        String dom = chromium.dumpDom(page, Files.createDirectories(reportDir.resolve("dom")));
        assertThat(dom).contains("Bulwark attack report");
        assertThat(field(dom, "attacks")).isEqualTo(expected.attacks);
        assertThat(field(dom, "blocked")).isEqualTo(expected.blocked);
        assertThat(field(dom, "monitored")).isEqualTo(expected.monitored);
        assertThat(field(dom, "malformed")).isZero();
        assertThat(bars(dom, "chart-types")).isEqualTo(expected.byType);
        assertThat(bars(dom, "chart-sources")).isEqualTo(expected.bySource);
        assertThat(bars(dom, "chart-routes")).isEqualTo(expected.byPath);
        assertThat(timelineTotal(dom)).isEqualTo(expected.attacks);
        assertThat(Pattern.compile("<tr data-event-id=\"").matcher(dom).results().count()).isEqualTo(expected.attacks);
        assertThat(dom).doesNotContain("<script");

        Path png = chromium.screenshot(page, reportDir.resolve("report.png"), 1100, 1400,
            Files.createDirectories(reportDir.resolve("shot")));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1100);
        assertThat(pixelsOf(image, 0xc0392b)).as("blocked bars drawn in their colour").isGreaterThan(500);
        assertThat(pixelsOf(image, 0xe0a030)).as("monitored bars drawn in theirs").isGreaterThan(100);
    }

    @Test
    void anUnreadableFileIsNamedAndExitsOne() {
        Path missing = reportDir.resolve("gone.jsonl");

        try (ForkedJvm report = JvmCommand.jar(reportDir, TestJars.agent()).args("report", missing.toString())
            .start()) {
            OptionalInt exit = report.awaitExit(COMMAND_WITHIN);
            assertThat(exit).as(report.describe()).hasValue(1);
            assertThat(report.stderr()).contains(missing.toString());
        }
    }

    /** The agent writes its log on a background thread: wait until it holds every attack sent. */
    private static void awaitAlerts(AttackLog log, int expected) {
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        while (log.matching(AttackLog.where("event.kind", "alert")).size() < expected) {
            assertThat(System.nanoTime() - deadline).as("all " + expected + " attacks logged: " + log.events())
                .isNegative();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static ForkedJvm run(JvmCommand command) {
        try (ForkedJvm tool = command.start()) {
            OptionalInt exit = tool.awaitExit(COMMAND_WITHIN);
            assertThat(exit).as(tool.describe()).hasValue(0);
            return tool;
        }
    }

    private static long field(String dom, String name) {
        Matcher m = Pattern.compile("<dd data-field=\"" + name + "\">(\\d+)</dd>").matcher(dom);
        assertThat(m.find()).as(name + " in the DOM").isTrue();
        return Long.parseLong(m.group(1));
    }

    /** data-key to data-count of every bar in one chart, as the browser's DOM holds them. */
    private static Map<String, Long> bars(String dom, String chartId) {
        int start = dom.indexOf("<svg id=\"" + chartId + "\"");
        assertThat(start).as(chartId + " in the DOM").isNotNegative();
        String svg = dom.substring(start, dom.indexOf("</svg>", start));
        Map<String, Long> bars = new TreeMap<>();
        Matcher m = Pattern.compile("<g class=\"bar\" data-key=\"([^\"]*)\" data-count=\"(\\d+)\"").matcher(svg);
        while (m.find()) {
            bars.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return bars;
    }

    private static long timelineTotal(String dom) {
        long total = 0;
        Matcher m = Pattern.compile("<g class=\"bucket\" data-start=\"[^\"]+\" data-count=\"(\\d+)\"").matcher(dom);
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    private static long pixelsOf(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The test's own count of the log: per type (the report's grouping of actions), source and path. */
    private static final class LogCount {
        long attacks;
        long blocked;
        long monitored;
        final Map<String, Long> byType = new TreeMap<>();
        final Map<String, Long> bySource = new TreeMap<>();
        final Map<String, Long> byPath = new TreeMap<>();

        static LogCount of(List<JsonNode> events) {
            LogCount count = new LogCount();
            for (JsonNode event : events) {
                if (!"alert".equals(AttackLog.text(event, "event.kind"))) {
                    continue;
                }
                count.attacks++;
                if ("block".equals(AttackLog.text(event, "bulwark.mode"))) {
                    count.blocked++;
                } else {
                    count.monitored++;
                }
                String action = AttackLog.text(event, "event.action");
                String type = action.replaceFirst("-(blocked|detected)$", "");
                count.byType.merge(type, 1L, Long::sum);
                count.bySource.merge(AttackLog.text(event, "source.ip"), 1L, Long::sum);
                count.byPath.merge(AttackLog.text(event, "url.path"), 1L, Long::sum);
            }
            return count;
        }
    }
}
