package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.agent.log.AttackEvent;
import io.bulwark.agent.log.EventActions;
import io.bulwark.policies.model.parse.PolicyParseResult;
import io.bulwark.policies.model.parse.PolicyParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate.json} at the entry: the body is read, bounded, judged; through the real parser and entry checks. */
class EntryJsonValidationTest {

    private static final String ROUTES = """
            "routes": [
              { "path": "/orders", "validate": { "maxBodySize": "256B", "json": {
                  "$.quantity": { "type": "integer", "min": 1, "max": 99 },
                  "$.customer": { "type": "string", "required": true } } } },
              { "path": "/open", "validate": { "json": { "$.n": { "type": "integer" } } } },
              { "path": "/plain", "validate": { "query": { "n": { "type": "integer" } } } },
              { "path": "/typed", "validate": { "contentTypes": ["application/json"],
                  "header": { "X-N": { "type": "integer", "required": true } },
                  "json": { "$.n": { "type": "integer", "required": true } } } }
            ]""";

    @TempDir
    Path dir;

    private final List<AttackEvent> events = new ArrayList<>();
    private final EntryChecks checks = new EntryChecks(events::add);

    /** A request with a body; {@code reads} counts how often entry asked for it. */
    static final class BodyRequest implements EntryRequest, BodySource {
        final String method;
        final String path;
        final Map<String, String> headerMap;
        final byte[] body;
        final boolean failing;
        int reads;
        long capAsked = -1;

        BodyRequest(String method, String path, Map<String, String> headers, byte[] body, boolean failing) {
            this.method = method;
            this.path = path;
            this.headerMap = headers;
            this.body = body;
            this.failing = failing;
        }

        static BodyRequest post(String path, String json) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            return new BodyRequest("POST", path, Map.of("Content-Type", "application/json",
                    "Content-Length", Integer.toString(bytes.length)), bytes, false);
        }

        @Override
        public SavedBody saveBody(long cap, long declaredLength) throws IOException {
            reads++;
            capAsked = cap;
            if (failing) {
                throw new IOException("client went away");
            }
            return SavedBody.read(new ByteArrayInputStream(body), cap, declaredLength);
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String rawPath() {
            return path;
        }

        @Override
        public String peerAddress() {
            return "192.0.2.7";
        }

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

        @Override
        public String queryString() {
            return null;
        }
    }

    @Test
    void aValidBodyIsAdmittedAndReadOnce() throws Exception {
        BodyRequest request = BodyRequest.post("/orders", "{\"customer\": \"Zoë\", \"quantity\": 99}");
        EntryOutcome outcome = run(policy("block"), request);

        assertThat(outcome.isDenied()).isFalse();
        assertThat(request.reads).isEqualTo(1);
        assertThat(request.capAsked).isEqualTo(256);
        assertThat(events).isEmpty();
    }

    @Test
    void everyBrokenJsonRuleIsListedInOne400AndOneEvent() throws Exception {
        EntryOutcome outcome = run(policy("block"), BodyRequest.post("/orders", "{\"quantity\": 100}"));

        ProblemResponse denial = outcome.denial();
        assertThat(denial.status()).isEqualTo(400);
        assertThat(denial.violations()).extracting(v -> v.name() + ":" + v.rule())
                .containsExactly("$.customer:required", "$.quantity:max");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(EventActions.INPUT_INVALID);
            assertThat(e.id()).isEqualTo(denial.eventId());
        });
    }

    @Test
    void aBodyPastTheRoutesLimitIs413WhateverItDeclared() throws Exception {
        byte[] big = ("{\"customer\": \"" + "x".repeat(300) + "\"}").getBytes(StandardCharsets.UTF_8);
        BodyRequest chunked = new BodyRequest("POST", "/orders", Map.of("Transfer-Encoding", "chunked"), big, false);
        assertThat(run(policy("block"), chunked).denial().status()).isEqualTo(413);

        BodyRequest lying = new BodyRequest("POST", "/orders", Map.of("Content-Length", "20"), big, false);
        assertThat(run(policy("block"), lying).denial().status()).isEqualTo(413);
    }

    @Test
    void withoutMaxBodySizeTheDefaultCapApplies() throws Exception {
        BodyRequest declared = new BodyRequest("POST", "/open",
                Map.of("Content-Length", Long.toString(ValidationPlan.DEFAULT_JSON_BODY_CAP + 1)), new byte[0], false);
        assertThat(run(policy("block"), declared).denial().status()).isEqualTo(413);
        assertThat(declared.reads).as("refused on its declared length, unread").isZero();

        BodyRequest within = BodyRequest.post("/open", "{\"n\": 3}");
        assertThat(run(policy("block"), within).isDenied()).isFalse();
        assertThat(within.capAsked).isEqualTo(ValidationPlan.DEFAULT_JSON_BODY_CAP);
    }

    @Test
    void aBodilessGetIsNotHeldToRequiredJsonFieldsButABodilessPostIs() throws Exception {
        BodyRequest get = new BodyRequest("GET", "/orders", Map.of(), new byte[0], false);
        assertThat(run(policy("block"), get).isDenied()).isFalse();

        BodyRequest post = new BodyRequest("POST", "/orders", Map.of(), new byte[0], false);
        assertThat(run(policy("block"), post).denial().violations()).extracting(v -> v.name() + ":" + v.rule())
                .containsExactly("$.customer:required");
    }

    @Test
    void anUnreadableOrMalformedBodyIs400() throws Exception {
        BodyRequest failing = new BodyRequest("POST", "/orders", Map.of(), new byte[0], true);
        assertThat(run(policy("block"), failing).denial().violations())
                .singleElement().satisfies(v -> assertThat(v.message()).isEqualTo("body could not be read"));

        EntryOutcome deep = run(policy("block"), BodyRequest.post("/open", "[".repeat(100_000).substring(0, 200)));
        assertThat(deep.denial().status()).isEqualTo(400);
        assertThat(deep.denial().violations()).singleElement().satisfies(v -> assertThat(v.rule()).isEqualTo("json"));
    }

    @Test
    void monitorModeLogsAndAdmits() throws Exception {
        EntryOutcome outcome = run(policy("monitor"), BodyRequest.post("/orders", "{\"quantity\": 0}"));

        assertThat(outcome.isDenied()).isFalse();
        assertThat(events).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo(EventActions.INPUT_INVALID));
    }

    @Test
    void aBodyOfTheWrongTypeIs415WithTheOtherViolationsAndIsNeverRead() throws Exception {
        BodyRequest xml = new BodyRequest("POST", "/typed", Map.of("Content-Type", "application/xml",
                "Content-Length", "4"), "<a/>".getBytes(StandardCharsets.UTF_8), false);
        ProblemResponse denial = run(policy("block"), xml).denial();

        assertThat(denial.status()).isEqualTo(415);
        assertThat(denial.violations()).extracting(v -> v.name() + ":" + v.rule())
                .containsExactly("content-type:contentTypes", "X-N:required");
        assertThat(xml.reads).isZero();
    }

    @Test
    void routesWithoutJsonRulesNeverReadTheBody() throws Exception {
        BodyRequest request = BodyRequest.post("/plain", "{\"n\": \"x\"}");
        assertThat(run(policy("block"), request).isDenied()).isFalse();
        assertThat(request.reads).isZero();
    }

    private EntryOutcome run(ActivePolicy policy, EntryRequest request) {
        return checks.run(policy, request, System.currentTimeMillis(), System.nanoTime());
    }

    private ActivePolicy policy(String mode) throws Exception {
        Path file = Files.writeString(dir.resolve("policy-" + System.nanoTime() + ".json"),
                "{ \"version\": 1, \"mode\": \"" + mode + "\", " + ROUTES + " }");
        PolicyParseResult result = PolicyParser.parse(file);
        assertThat(result.errors()).isEmpty();
        return new ActivePolicy(result.policy().orElseThrow());
    }
}
