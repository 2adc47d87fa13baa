package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.Http;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The injection protection's policy knobs, through the demo under the agent: multipart form fields as inputs, a body
 * larger than the scan limit (refused or passed with a logged warning), and the per-route allow rule.
 */
class InjectionPolicyIT {

    private static final Duration LOG_WAIT = Duration.ofSeconds(5);
    private static final String TAUTOLOGY = "x' OR '1'='1";

    @Test
    void aMultipartFieldIsAnInputLikeAnyOther(@TempDir Path dir) {
        PolicyFiles.write(dir.resolve("bulwark-policy.json"), "{\"version\": 1}");
        try (DemoProcess demo = DemoProcess.start(JvmCommand.demo(dir).withAgent())) {
            HttpResponse<String> benign = multipart(demo, "name", "Noise-Cancelling Headphones");
            assertThat(benign.statusCode()).isEqualTo(200);
            assertThat(benign.body()).contains("Noise-Cancelling Headphones");

            HttpResponse<String> attack = multipart(demo, "name", TAUTOLOGY);
            assertThat(attack.statusCode()).isEqualTo(403);
            String eventId = Http.json(attack).get("eventId").asText();
            JsonNode event = demo.attackLog().await(AttackLog.where("event.id", eventId), LOG_WAIT).orElseThrow();
            assertThat(AttackLog.text(event, "event.action")).isEqualTo("sql-injection-blocked");
            assertThat(AttackLog.text(event, "bulwark.input.source")).isEqualTo("multipart");
            assertThat(AttackLog.text(event, "bulwark.input.name")).isEqualTo("name");
        }
    }

    @Test
    void aBodyLargerThanTheScanLimitIsRefusedWhenThePolicySaysReject(@TempDir Path dir) {
        PolicyFiles.write(dir.resolve("bulwark-policy.json"),
            "{\"version\": 1, \"injection\": {\"maxScanBytes\": \"1KB\", \"oversize\": \"reject\"}}");
        try (DemoProcess demo = DemoProcess.start(JvmCommand.demo(dir).withAgent())) {
            String ordersBefore = demo.http().get("/api/orders").body();
            HttpResponse<String> response = demo.http().postJson("/api/orders", paddedOrder("Padded Buyer"));

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(Http.mediaType(response)).isEqualTo("application/problem+json");
            String eventId = Http.json(response).get("eventId").asText();
            JsonNode event = demo.attackLog().await(AttackLog.where("event.id", eventId), LOG_WAIT).orElseThrow();
            assertThat(AttackLog.text(event, "event.action")).isEqualTo("request-body-too-large");
            assertThat(demo.http().get("/api/orders").body()).as("the INSERT never ran").isEqualTo(ordersBefore);
        }
    }

    @Test
    void aBodyLargerThanTheScanLimitPassesWithAWarningByDefault(@TempDir Path dir) {
        PolicyFiles.write(dir.resolve("bulwark-policy.json"),
            "{\"version\": 1, \"injection\": {\"maxScanBytes\": \"1KB\"}}");
        try (DemoProcess demo = DemoProcess.start(JvmCommand.demo(dir).withAgent())) {
            HttpResponse<String> response = demo.http().postJson("/api/orders", paddedOrder("Padded Buyer"));

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(demo.attackLog().await(AttackLog.where("event.action", "injection-scan-truncated"), LOG_WAIT))
                .isPresent();
        }
    }

    @Test
    void anAllowedInputOnItsRouteIsNotChecked(@TempDir Path dir) {
        PolicyFiles.write(dir.resolve("bulwark-policy.json"), """
            {
              "version": 1,
              "routes": [
                { "path": "/api/products/search", "injection": { "allow": ["query:q"] } }
              ]
            }
            """);
        try (DemoProcess demo = DemoProcess.start(JvmCommand.demo(dir).withAgent())) {
            HttpResponse<String> allowed = demo.http().get("/api/products/search", "q", TAUTOLOGY);
            assertThat(allowed.statusCode()).as("exempt on its route").isEqualTo(200);

            HttpResponse<String> elsewhere = demo.http().get("/api/customers", "ids", "0) OR (1=1");
            assertThat(elsewhere.statusCode()).as("other routes still checked").isEqualTo(403);
            assertThat(demo.attackLog().matching(AttackLog.where("url.path", "/api/products/search"))).isEmpty();
        }
    }

    /** An order whose JSON is padded past 1 KB with whitespace, which JSON allows and the demo ignores. */
    private static String paddedOrder(String customer) {
        String json = Http.toJson(Map.of("customer", customer, "productId", 1, "quantity", 1));
        return json.substring(0, json.length() - 1) + " ".repeat(4096) + "}";
    }

    private static HttpResponse<String> multipart(DemoProcess demo, String field, String value) {
        String boundary = "bulwark-test-boundary";
        String body = "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"" + field + "\"\r\n\r\n"
            + value + "\r\n--" + boundary + "--\r\n";
        HttpRequest.Builder request = demo.http().request("/api/lookup")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return demo.http().send(request);
    }
}
