package io.bulwark.agent.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogLineParserTest {
    private final LogLineParser parser = new LogLineParser();
    private final LogLine line = new LogLine();

    @Test
    void readsTheFieldsTheReportNeedsFromTheNestedForm() {
        LogLineParser.Kind kind = parse("{\"@timestamp\":\"2026-11-28T05:02:26.856Z\",\"ecs\":{\"version\":\"8.11.0\"},"
                + "\"event\":{\"id\":\"e1\",\"kind\":\"alert\",\"category\":[\"web\"],\"action\":\"rate-limited\","
                + "\"outcome\":\"failure\"},\"rule\":{\"id\":\"per-ip\"},\"source\":{\"ip\":\"192.0.2.1\"},"
                + "\"http\":{\"request\":{\"method\":\"GET\"},\"response\":{\"status_code\":429}},"
                + "\"url\":{\"path\":\"/a\",\"query\":\"x=1\"},\"bulwark\":{\"count\":12,\"window\":{\"start\":\"s\"}}}");

        assertThat(kind).isEqualTo(LogLineParser.Kind.EVENT);
        assertThat(line.timestampMillis).isEqualTo(java.time.Instant.parse("2026-11-28T05:02:26.856Z").toEpochMilli());
        assertThat(line.action).isEqualTo("rate-limited");
        assertThat(line.isAlert()).isTrue();
        assertThat(line.isBlocked()).as("no mode: the outcome decides").isTrue();
        assertThat(line.sourceIp).isEqualTo("192.0.2.1");
        assertThat(line.method).isEqualTo("GET");
        assertThat(line.statusCode).isEqualTo(429);
        assertThat(line.urlPath).isEqualTo("/a");
        assertThat(line.ruleId).isEqualTo("per-ip");
        assertThat(line.occurrences()).isEqualTo(12);
    }

    @Test
    void unexpectedTypesAreAbsentValuesNotErrors() {
        assertThat(parse("{\"@timestamp\":\"2026-11-28T05:02:26+01:00\",\"event\":{\"action\":\"auth-denied\","
                + "\"kind\":[1]},\"source\":\"192.0.2.1\",\"bulwark\":{\"count\":123456789012345678901234567890}}"))
                .isEqualTo(LogLineParser.Kind.EVENT);
        assertThat(line.timestampMillis).isEqualTo(java.time.Instant.parse("2026-11-28T04:02:26Z").toEpochMilli());
        assertThat(line.kind).isNull();
        assertThat(line.sourceIp).isNull();
        assertThat(line.occurrences()).isEqualTo(1);
        assertThat(parse("{\"event\":\"sql-injection-blocked\",\"@timestamp\":\"2026-11-28T05:02:26.856Z\"}"))
                .isEqualTo(LogLineParser.Kind.FOREIGN);
    }

    @Test
    void brokenJsonAnywhereInTheLineIsMalformed() {
        assertThat(parse("{\"@timestamp\":\"2026-11-28T05:02:26.856Z\",\"event\":{\"action\":\"x\"},\"z\":[1,}"))
                .isEqualTo(LogLineParser.Kind.MALFORMED);
        assertThat(parse("{} {}")).isEqualTo(LogLineParser.Kind.MALFORMED);
        assertThat(parse("42")).isEqualTo(LogLineParser.Kind.FOREIGN);
        assertThat(parse("[" .repeat(5000))).isEqualTo(LogLineParser.Kind.MALFORMED);
    }

    private LogLineParser.Kind parse(String text) {
        byte[] bytes = ("xx" + text).getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 2, bytes.length - 2, line);
    }
}
