package io.bulwark.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcsJsonWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesEcsFieldsAsNestedObjects() throws IOException {
        AttackEvent event = AttackEvent.builder(Redactor.defaults())
                .timestamp(Instant.parse("2025-03-04T05:06:07Z"))
                .kind(EventKind.ALERT)
                .category(EventCategory.INTRUSION_DETECTION, EventCategory.WEB)
                .type(EventType.DENIED)
                .action(EventActions.SQL_INJECTION_BLOCKED)
                .outcome(EventOutcome.FAILURE)
                .reason("input breaks out of a string literal")
                .severity(73)
                .rule("sql-injection", "SQL injection")
                .sourceIp("203.0.113.9")
                .httpMethod("GET")
                .statusCode(403)
                .urlPath("/api/search")
                .urlQuery("q=x%27+OR+1%3D1")
                .userId("alice")
                .userAgent("sqlmap/1.8")
                .serviceName("orders-api")
                .mode("block")
                .input("query", "q", "x' OR 1=1")
                .sink("sql", "SELECT * FROM t WHERE a = 'x' OR 1=1", "postgresql")
                .matched(27, 37)
                .tokens(List.of("STRING", "KEYWORD", "NUMBER", "OPERATOR", "NUMBER"))
                .callSite(new StackTraceElement[] {
                        new StackTraceElement("com.example.Repo", "find", "Repo.java", 42)})
                .policyFile("/etc/api/bulwark-policy.json")
                .extra("route", "/api/search")
                .build();

        JsonNode line = encode(event);

        assertThat(line.get("@timestamp").asText()).isEqualTo("2025-03-04T05:06:07.000Z");
        assertThat(line.at("/event/id").asText()).isEqualTo(event.id()).matches("[0-9a-f]{16}");
        assertThat(line.at("/event/kind").asText()).isEqualTo("alert");
        assertThat(line.at("/event/category").toString()).isEqualTo("[\"intrusion_detection\",\"web\"]");
        assertThat(line.at("/event/type").toString()).isEqualTo("[\"denied\"]");
        assertThat(line.at("/event/action").asText()).isEqualTo("sql-injection-blocked");
        assertThat(line.at("/event/outcome").asText()).isEqualTo("failure");
        assertThat(line.at("/event/severity").asInt()).isEqualTo(73);
        assertThat(line.at("/rule/id").asText()).isEqualTo("sql-injection");
        assertThat(line.at("/rule/ruleset").asText()).isEqualTo("bulwark");
        assertThat(line.at("/source/ip").asText()).isEqualTo("203.0.113.9");
        assertThat(line.at("/http/request/method").asText()).isEqualTo("GET");
        assertThat(line.at("/http/response/status_code").asInt()).isEqualTo(403);
        assertThat(line.at("/url/path").asText()).isEqualTo("/api/search");
        assertThat(line.at("/url/query").asText()).isEqualTo("q=x%27+OR+1%3D1");
        assertThat(line.at("/user/id").asText()).isEqualTo("alice");
        assertThat(line.at("/user_agent/original").asText()).isEqualTo("sqlmap/1.8");
        assertThat(line.at("/service/name").asText()).isEqualTo("orders-api");
        assertThat(line.at("/bulwark/mode").asText()).isEqualTo("block");
        assertThat(line.at("/bulwark/input/source").asText()).isEqualTo("query");
        assertThat(line.at("/bulwark/input/value").asText()).isEqualTo("x' OR 1=1");
        assertThat(line.at("/bulwark/sink/kind").asText()).isEqualTo("sql");
        assertThat(line.at("/bulwark/sink/dialect").asText()).isEqualTo("postgresql");
        assertThat(line.at("/bulwark/matched/start").asInt()).isEqualTo(27);
        assertThat(line.at("/bulwark/matched/end").asInt()).isEqualTo(37);
        assertThat(line.at("/bulwark/tokens").size()).isEqualTo(5);
        assertThat(line.at("/bulwark/call_site/0").asText()).isEqualTo("com.example.Repo.find(Repo.java:42)");
        assertThat(line.at("/bulwark/policy/file").asText()).isEqualTo("/etc/api/bulwark-policy.json");
        assertThat(line.at("/bulwark/route").asText()).isEqualTo("/api/search");
        assertThat(line.has("event.action")).isFalse();
    }

    @Test
    void leavesAbsentFieldsOut() throws IOException {
        AttackEvent event = AttackEvent.builder(Redactor.defaults()).action(EventActions.POLICY_RELOADED).build();

        JsonNode line = encode(event);

        assertThat(line.at("/event/kind").asText()).isEqualTo("event");
        assertThat(line.at("/event/outcome").asText()).isEqualTo("unknown");
        assertThat(line.fieldNames()).toIterable()
                .containsExactly("@timestamp", "ecs", "event", "bulwark");
        assertThat(line.get("event").has("severity")).isFalse();
        assertThat(line.get("bulwark").size()).isZero();
    }

    @Test
    void controlCharactersAndBrokenSurrogatesStayInsideOneValidLine() throws IOException {
        AttackEvent event = AttackEvent.builder(Redactor.defaults())
                .action(EventActions.SQL_INJECTION_DETECTED)
                .input("query", "q", "a\nb\"c\u0000\uD800d")
                .build();
        EcsJsonWriter writer = new EcsJsonWriter();

        int length = writer.encode(event);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(out);
        String text = out.toString(StandardCharsets.UTF_8);

        assertThat(out.size()).isEqualTo(length);
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
        assertThat(JSON.readTree(text).at("/bulwark/input/value").asText()).startsWith("a\nb\"c\u0000");
    }

    private static JsonNode encode(AttackEvent event) throws IOException {
        EcsJsonWriter writer = new EcsJsonWriter();
        writer.encode(event);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(out);
        return JSON.readTree(out.toByteArray());
    }
}
