package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.CompatApps;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.EchoApp;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.TestJars;
import io.bulwark.it.support.testapps.JsonBodyEchoApp;
import io.bulwark.it.support.testapps.TomcatBodyEchoApp;

/**
 * {@code validate.json} under the agent: the body is read and judged before the app runs, and the app then reads the
 * same bytes, whichever way it reads them. Compared against the same app without the agent (Jetty) and on Tomcat,
 * whose {@code getReader()} does not go through its stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonValidationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES = """
        "routes": [
          { "path": "/echo", "methods": ["POST", "PUT"], "validate": { "maxBodySize": "64KB", "json": {
              "$.name":  { "type": "string", "required": true, "minLength": 2, "maxLength": 5 },
              "$.age":   { "type": "integer", "min": 0, "max": 150 },
              "$.price": { "type": "number", "min": 0.5, "max": 10 },
              "$.active": { "type": "boolean" },
              "$.id":    { "type": "uuid" },
              "$.email": { "type": "email" },
              "$.kind":  { "enum": ["a", "b"] },
              "$.code":  { "pattern": "[a-z]{2}[0-9]{2}" },
              "$.items[*].qty": { "type": "integer", "min": 1 } } } },
          { "path": "/open", "validate": { "json": { "$.n": { "type": "integer" } } } }
        ]""";
    /** Valid at every lower boundary; multi-line (for readLine), multi-byte UTF-8 (for the reader). */
    private static final String LOW = """
        {"name": "ab", "age": 0, "price": 0.5, "active": false, "id": "3f2c1a9e-5b7d-4c1e-9a8b-0d6e2f4a1b3c",
         "email": "ana@example.org", "kind": "a", "code": "ab12", "items": [{"qty": 1}, {"qty": 7}],
         "note": "línea\\nzwei 漢字 \uD83D\uDE00"}
        """;

    private DemoProcess blocking;
    private DemoProcess monitoring;
    private DemoProcess plain;
    private DemoProcess tomcat;
    private DemoProcess tomcatPlain;
    private DemoProcess demo;

    @BeforeAll
    void start() throws Exception {
        Path blockDir = Files.createTempDirectory("bulwark-json-block");
        PolicyFiles.write(blockDir.resolve(PolicyFiles.DEFAULT_NAME), "{ \"version\": 1, " + RULES + " }");
        blocking = EchoApp.start(blockDir, JsonBodyEchoApp.class);
        Path monitorDir = Files.createTempDirectory("bulwark-json-monitor");
        PolicyFiles.write(monitorDir.resolve(PolicyFiles.DEFAULT_NAME),
            "{ \"version\": 1, \"mode\": \"monitor\", " + RULES + " }");
        monitoring = EchoApp.start(monitorDir, JsonBodyEchoApp.class);
        plain = DemoProcess.start(JvmCommand.mainClass(Files.createTempDirectory("bulwark-json-plain"),
            List.of(Path.of(JsonBodyEchoApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                TestJars.demo()), JsonBodyEchoApp.class.getName()));
        Path tomcatDir = Files.createTempDirectory("bulwark-json-tomcat");
        PolicyFiles.write(tomcatDir.resolve(PolicyFiles.DEFAULT_NAME), "{ \"version\": 1, " + RULES + " }");
        tomcat = DemoProcess.start(CompatApps.command(tomcatDir, TomcatBodyEchoApp.class).withAgent());
        tomcatPlain = DemoProcess.start(CompatApps.command(Files.createTempDirectory("bulwark-json-tomcat-plain"),
            TomcatBodyEchoApp.class));
        Path demoDir = Files.createTempDirectory("bulwark-json-demo");
        PolicyFiles.write(demoDir.resolve(PolicyFiles.DEFAULT_NAME), """
            { "version": 1, "routes": [ { "path": "/api/orders", "methods": ["POST"], "validate": { "json": {
                "$.quantity": { "type": "integer", "min": 1, "max": 100 },
                "$.customer": { "type": "string", "required": true, "maxLength": 200 } } } } ] }
            """);
        demo = DemoProcess.start(JvmCommand.demo(demoDir).withAgent());
    }

    @AfterAll
    void stop() {
        for (DemoProcess app : new DemoProcess[] {blocking, monitoring, plain, tomcat, tomcatPlain, demo}) {
            if (app != null) {
                app.close();
            }
        }
        for (DemoProcess app : new DemoProcess[] {blocking, monitoring, tomcat, demo}) {
            assertThat(app.stderrLines()).as("agent errors").noneMatch(l -> l.contains("internal error"));
        }
    }

    // --- rules ---

    @Test
    void eachRuleAcceptsItsBoundaryValuesUnicodeIncluded() {
        String high = """
            {"name": "\uD83D\uDE00é漢字x", "age": 150, "price": 10, "active": true, "kind": "b", "code": "zz99",
             "items": []}""";
        for (String body : List.of(LOW, high)) {
            HttpResponse<String> response = post(blocking, "/echo", "application/json", body);
            assertThat(response.statusCode()).as(body).isEqualTo(200);
            assertThat(response.body()).isEqualTo(expected(body.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void eachRuleRefusesJustPastItsBoundaryInOneResponseAndOneEventAndTheAppNeverRuns() throws Exception {
        String ranBefore = ran(blocking);
        String body = """
            {"name": "\uD83D\uDE00é漢字xy", "age": 151, "price": 0.49, "active": "yes", "id": "3f2c1a9e",
             "email": "ana@", "kind": "c", "code": "AB12", "items": [{"qty": 0}, {"qty": "1"}]}""";
        HttpResponse<String> response = post(blocking, "/echo", "application/json", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
            t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        List<String> found = problem.get("violations").findValuesAsText("name").stream().toList();
        assertThat(found).containsExactlyInAnyOrder("$.name", "$.age", "$.price", "$.active", "$.id", "$.email",
            "$.kind", "$.code", "$.items[0].qty", "$.items[1].qty");
        assertThat(problem.get("violations").findValuesAsText("rule"))
            .containsExactlyInAnyOrder("maxLength", "max", "min", "type", "type", "type", "enum", "pattern", "min",
                "type");
        String eventId = problem.get("eventId").asText();
        AttackLog log = blocking.attackLog();
        JsonNode event = log.await(AttackLog.where("event.id", eventId), Duration.ofSeconds(10)).orElseThrow();
        assertThat(AttackLog.text(event, "event.action")).isEqualTo("input-invalid");
        assertThat(log.matching(AttackLog.where("event.id", eventId))).hasSize(1);
        assertThat(ran(blocking)).as("the app never read a refused body").isEqualTo(ranBefore);
    }

    @Test
    void aMissingRequiredFieldOrMissingBodyIsRefused() throws Exception {
        for (String body : List.of("{}", "", "{\"age\": 3}")) {
            HttpResponse<String> response = post(blocking, "/echo", "application/json", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("violations").findValuesAsText("rule"))
                .as(body).containsExactly("required");
        }
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWhateverItsContentType() throws Exception {
        for (String type : List.of("application/json", "text/plain", "application/x-www-form-urlencoded")) {
            HttpResponse<String> response = post(blocking, "/echo", type, "name=ab&age=3");
            assertThat(response.statusCode()).as(type).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("violations").findValuesAsText("rule"))
                .containsExactly("json");
        }
    }

    // --- bounds ---

    @Test
    void aBodyOverTheCapIs413AndTheAppNeverRuns() {
        String ranBefore = ran(blocking);
        String big = "{\"n\": 1, \"pad\": \"" + "x".repeat((1 << 20) + 10) + "\"}";
        Raw chunked = rawPost(blocking, "/open", big.getBytes(StandardCharsets.US_ASCII), true);
        assertThat(chunked.status).as("over the default 1 MiB cap, chunked").isEqualTo(413);
        Raw declared = rawPost(blocking, "/echo", ("{\"name\":\"ab\",\"pad\":\"" + "x".repeat(70_000) + "\"}")
            .getBytes(StandardCharsets.US_ASCII), false);
        assertThat(declared.status).as("over maxBodySize, declared").isEqualTo(413);
        assertThat(ran(blocking)).isEqualTo(ranBefore);
    }

    @Test
    void deeplyNestedJsonIs400AndTheJvmCarriesOn() throws Exception {
        Raw nested = rawPost(blocking, "/open", "[".repeat(100_000).getBytes(StandardCharsets.US_ASCII), false);
        assertThat(nested.status).isEqualTo(400);
        assertThat(nested.text).contains("\"rule\":\"json\"").contains("nested deeper");

        assertThat(post(blocking, "/open", "application/json", "{\"n\": 5}").statusCode()).isEqualTo(200);
        assertThat(blocking.stderrLines()).noneMatch(l -> l.contains("StackOverflowError")
            || l.contains("internal error"));
    }

    @Test
    void aChunkedBodyIsJudgedAndReachesTheAppUnchanged() {
        byte[] body = LOW.getBytes(StandardCharsets.UTF_8);
        Raw valid = rawPost(blocking, "/echo", body, true);
        assertThat(valid.status).isEqualTo(200);
        assertThat(valid.text).endsWith(expected(body));

        Raw invalid = rawPost(blocking, "/echo", "{\"name\": 1}".getBytes(StandardCharsets.US_ASCII), true);
        assertThat(invalid.status).isEqualTo(400);
    }

    // --- the app reads what the client sent ---

    @Test
    void theAppReadsTheSameBodyWithAndWithoutTheAgentWhicheverWayItReads() {
        for (String type : List.of("application/json; charset=utf-8", "application/json")) {
            for (String via : List.of("array", "byte", "readLine", "readAllBytes", "reader", "listener")) {
                HttpResponse<String> without = post(plain, "/echo?via=" + via, type, LOW);
                HttpResponse<String> with = post(blocking, "/echo?via=" + via, type, LOW);
                assertThat(without.statusCode()).as(via).isEqualTo(200);
                assertThat(with.statusCode()).as(type + " " + via + " " + with.body()).isEqualTo(200);
                assertThat(with.body()).as(type + " " + via).isEqualTo(without.body()).endsWith(" finished=true");
            }
        }
        assertThat(post(blocking, "/echo?via=array", "application/json", LOW).body())
            .isEqualTo(expected(LOW.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void onTomcatTheReaderAndTheStreamServeTheSameBodyAsWithoutTheAgent() {
        for (String type : List.of("application/json; charset=utf-8", "application/json")) {
            for (String via : List.of("reader", "array", "byte", "readAllBytes", "listener")) {
                HttpResponse<String> without = post(tomcatPlain, "/echo?via=" + via, type, LOW);
                HttpResponse<String> with = post(tomcat, "/echo?via=" + via, type, LOW);
                assertThat(without.statusCode()).as(via).isEqualTo(200);
                assertThat(with.statusCode()).as(type + " " + via + " " + with.body()).isEqualTo(200);
                assertThat(with.body()).as(type + " " + via).isEqualTo(without.body());
            }
        }
        assertThat(post(tomcat, "/echo?via=reader", "application/json", "{\"name\": 1}").statusCode())
            .isEqualTo(400);
    }

    // --- the injection engine sees the saved body ---

    @Test
    void theInjectionEngineJudgesTheSavedBodyAtTheSinkAndTheAppParsesItAsUsual() throws Exception {
        HttpResponse<String> benign = demo.http().postJson("/api/orders",
            "{\"customer\": \"Zoë\", \"productId\": 1, \"quantity\": 2}");
        assertThat(benign.statusCode()).as(benign.body()).isEqualTo(201);
        assertThat(benign.body()).contains("Zoë");

        HttpResponse<String> attack = demo.http().postJson("/api/orders",
            "{\"customer\": \"x', 1, 1, 'NEW'); DELETE FROM orders; --\", \"productId\": 1, \"quantity\": 1}");
        assertThat(attack.statusCode()).isEqualTo(403);
        String eventId = JSON.readTree(attack.body()).get("eventId").asText();
        JsonNode event = demo.attackLog().await(AttackLog.where("event.id", eventId), Duration.ofSeconds(10))
            .orElseThrow();
        assertThat(event.toString()).contains("$.customer");
        HttpResponse<String> undeclared = post(demo, "/api/orders", "text/plain",
            "{\"customer\": \"y', 1, 1, 'NEW'); DELETE FROM orders; --\", \"productId\": 1, \"quantity\": 1}");
        assertThat(undeclared.statusCode()).as("the app parses JSON whatever the header says; so does the agent")
            .isEqualTo(403);

        HttpResponse<String> invalid = demo.http().postJson("/api/orders",
            "{\"customer\": \"Ann\", \"productId\": 1, \"quantity\": 0}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("urn:bulwark:problem:invalid-input");
    }

    // --- monitor mode ---

    @Test
    void monitorModeLogsTheViolationsAndTheAppAnswersAsWithoutTheAgent() throws Exception {
        String body = "{\"name\": \"a\", \"age\": -1, \"note\": \"\u00e9\"}";
        HttpResponse<String> watched = post(monitoring, "/echo?via=reader", "application/json; charset=utf-8", body);
        HttpResponse<String> without = post(plain, "/echo?via=reader", "application/json; charset=utf-8", body);

        assertThat(watched.statusCode()).isEqualTo(200);
        assertThat(watched.body()).isEqualTo(without.body());
        JsonNode event = monitoring.attackLog().await(AttackLog.where("event.action", "input-invalid")
            .and(AttackLog.where("url.query", "via=reader")), Duration.ofSeconds(10)).orElseThrow();
        assertThat(AttackLog.text(event, "event.outcome")).isEqualTo("unknown");
        assertThat(event.toString()).contains("$.name:minLength", "$.age:min");
    }

    @Test
    void monitorModeOverTheCapReportsTheBodyOnceWhileTheAppReadsTheRestFromTheStream() throws Exception {
        // a prefix of maxBodySize + 1 bytes is saved and replayed; the rest, itself over 64KB, comes from the stream
        byte[] body = ("{\"name\": \"ab\", \"pad\": \"" + "x".repeat(200_000) + "\"}")
            .getBytes(StandardCharsets.US_ASCII);
        Predicate<JsonNode> overTheCap = AttackLog.where("event.action", "input-invalid")
            .and(AttackLog.where("rule.id", "validation.maxBodySize"));

        Raw watched = rawPost(monitoring, "/echo?via=array", body, true);

        assertThat(watched.status).isEqualTo(200);
        assertThat(watched.text).endsWith(expected(body));
        assertThat(monitoring.attackLog().await(overTheCap, Duration.ofSeconds(10))).isPresent();
        Thread.sleep(1500); // a second event, if any, comes as the app reads on
        assertThat(monitoring.attackLog().matching(overTheCap)).singleElement()
            .satisfies(event -> assertThat(AttackLog.text(event, "event.outcome")).isEqualTo("unknown"));
    }

    // --- helpers ---

    private static String expected(byte[] body) {
        return "reached " + body.length + " " + sha256(body) + " finished=true";
    }

    private static String ran(DemoProcess app) {
        return app.http().get("/ran").body();
    }

    private static HttpResponse<String> post(DemoProcess app, String path, String contentType, String body) {
        return app.http().send(app.http().request(path).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Raw(int status, String text) {
    }

    /** A POST on a plain socket: chunked in 1000-byte chunks, or with its Content-Length. */
    private static Raw rawPost(DemoProcess app, String path, byte[] body, boolean chunked) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 10_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n") + "\r\n";
            try {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                if (chunked) {
                    for (int i = 0; i < body.length; i += 1000) {
                        int n = Math.min(1000, body.length - i);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body, i, n);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } else {
                    out.write(body);
                }
                out.flush();
            } catch (IOException refusedMidBody) {
                // answered and closed before the whole body was taken: the answer is still to be read
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(received);
            } catch (IOException reset) {
                // a reset after the response; what arrived is enough
            }
            String text = received.toString(StandardCharsets.UTF_8);
            assertThat(text).as("a response").startsWith("HTTP/1.1 ");
            return new Raw(Integer.parseInt(text.substring(9, 12)), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
