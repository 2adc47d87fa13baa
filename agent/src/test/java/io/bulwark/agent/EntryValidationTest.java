package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.agent.log.AttackEvent;
import io.bulwark.agent.log.EventActions;
import io.bulwark.policies.model.Policy;
import io.bulwark.policies.model.parse.PolicyParseResult;
import io.bulwark.policies.model.parse.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Route validation at the entry, through the real parser, activation and entry checks. */
class EntryValidationTest {

    private static final String ROUTES = """
            "routes": [
              { "path": "/orders/{id}", "methods": ["GET", "PUT"],
                "validate": {
                  "path": { "id": { "type": "integer", "min": 1, "max": 1000 } },
                  "query": { "fields": { "enum": ["id", "total"] }, "tag": { "pattern": "[a-z]{1,8}" } },
                  "header": { "X-Request-Id": { "type": "uuid", "required": true } },
                  "maxBodySize": "1KB", "contentTypes": ["application/json"] } }
            ]""";
    private static final Map<String, String> GOOD_ID = Map.of("X-Request-Id", "3f2c1a9e-5b7d-4c1e-9a8b-0d6e2f4a1b3c");

    @TempDir
    Path dir;

    private final List<AttackEvent> events = new ArrayList<>();
    private final EntryChecks checks = new EntryChecks(events::add);

    @Test
    void aValidRequestIsAdmittedWithoutAnEvent() throws Exception {
        EntryOutcome outcome = run(policy("block"), get("/orders/1000", "fields=total&tag=abc", GOOD_ID));

        assertThat(outcome.isDenied()).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void everyViolationIsListedInOneResponseAndOneEvent() throws Exception {
        EntryOutcome outcome = run(policy("block"), get("/orders/1001", "fields=secret&tag=ABC", Map.of()));

        ProblemResponse denial = outcome.denial();
        assertThat(denial.status()).isEqualTo(400);
        assertThat(denial.violations()).extracting(v -> v.source() + ":" + v.name() + ":" + v.rule())
                .containsExactly("path:id:max", "query:fields:enum", "query:tag:pattern",
                        "header:X-Request-Id:required");
        String body = new String(denial.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"violations\"", "\"eventId\":\"" + denial.eventId() + "\"");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(EventActions.INPUT_INVALID);
            assertThat(e.id()).isEqualTo(denial.eventId());
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.extras().get("violations")).asList().hasSize(4);
        });
    }

    @Test
    void aBadValueIsEchoedOnlyAsAShortEscapedPrefix() throws Exception {
        String longValue = "x".repeat(500) + "\u202e";
        EntryOutcome outcome = run(policy("block"), get("/orders/1", "tag=" + longValue, GOOD_ID));

        String body = new String(outcome.denial().body(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("x".repeat(100)).doesNotContain("\u202e");
    }

    @Test
    void aDeclaredOversizeBodyIs413BeforeAnythingIsRead() throws Exception {
        EntryOutcome outcome = run(policy("block"), new Request("PUT", "/orders/1", "192.0.2.7",
                Map.of("Content-Length", "1025", "Content-Type", "application/json"), null, false));

        assertThat(outcome.denial().status()).isEqualTo(413);
        assertThat(outcome.denial().violations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).isEqualTo("maxBodySize"));
    }

    @Test
    void aBodyOfAnotherTypeIs415EvenWhenChunked() throws Exception {
        Map<String, String> headers = Map.of("Transfer-Encoding", "chunked", "Content-Type", "text/plain",
                "X-Request-Id", GOOD_ID.get("X-Request-Id"));
        EntryOutcome outcome = run(policy("block"), new Request("PUT", "/orders/1", "192.0.2.7", headers, null,
                false));

        assertThat(outcome.denial().status()).isEqualTo(415);
    }

    @Test
    void monitorModeLogsAndLetsThrough() throws Exception {
        EntryOutcome outcome = run(policy("monitor"), get("/orders/0", null, GOOD_ID));

        assertThat(outcome.isDenied()).isFalse();
        assertThat(events).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo(EventActions.INPUT_INVALID));
    }

    @Test
    void aPatternThatMakesBacktrackingEnginesExplodeStaysFast() throws Exception {
        ActivePolicy policy = new ActivePolicy(parse("""
                { "version": 1, "routes": [ { "path": "/a", "validate": { "query": { "n": { "pattern": "(a+)+b" } } } } ] }"""));
        Request evil = get("/a", "n=" + "a".repeat(4000), Map.of());

        long start = System.nanoTime();
        EntryOutcome outcome = run(policy, evil);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(outcome.denial().violations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).isEqualTo("pattern"));
        assertThat(millis).as("a backtracking engine needs longer than the universe's age").isLessThan(500);
    }

    @Test
    void queryValuesAreDecodedAndEveryValueOfANameIsKept() {
        Map<String, List<String>> values = io.bulwark.policies.net.FormEncoding.parameterValues("a=1&b=x+y&a=%32&c&b=%E2%82%AC", java.util.Set.of("a", "b", "c"));

        assertThat(values.get("a")).containsExactly("1", "2");
        assertThat(values.get("b")).containsExactly("x y", "\u20ac");
        assertThat(values.get("c")).containsExactly("");
    }

    private EntryOutcome run(ActivePolicy policy, EntryRequest request) {
        return checks.run(policy, request, System.currentTimeMillis(), System.nanoTime());
    }

    private static Request get(String path, String query, Map<String, String> headers) {
        return new Request("GET", path, "192.0.2.7", headers, query, false);
    }

    private ActivePolicy policy(String mode) throws Exception {
        return new ActivePolicy(parse("{ \"version\": 1, \"mode\": \"" + mode + "\", " + ROUTES + " }"));
    }

    private Policy parse(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("policy-" + System.nanoTime() + ".json"), json);
        PolicyParseResult result = PolicyParser.parse(file);
        assertThat(result.errors()).as(json).isEmpty();
        return result.policy().orElseThrow();
    }

    /** A plain request; {@code secure} stands for the container's {@code isSecure()}. */
    record Request(String method, String rawPath, String peerAddress, Map<String, String> headerMap,
                   String queryString, boolean secure) implements EntryRequest {

        @Override
        public String header(String name) {
            return headerMap.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        @Override
        public List<String> headers(String name) {
            String value = header(name);
            return value == null ? List.of() : List.of(value);
        }
    }
}
