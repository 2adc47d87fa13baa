package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.EchoApp;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.testapps.TlsBodyEchoApp;

/**
 * Route validation and transport security through a real Jetty serving HTTP and HTTPS (a self-signed certificate
 * made here with keytool) under the agent. Plain-HTTP tests of validation come from 127.0.0.2, a trusted proxy
 * that says {@code X-Forwarded-Proto: https}, so they also pin that the header is honoured from a trusted peer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidationAndTransportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "it-" + Long.toHexString(System.nanoTime());
    private static final String TRACE = "X-Trace: 3f2c1a9e-5b7d-4c1e-9a8b-0d6e2f4a1b3c";
    private static final String POLICY = """
        {
          "version": 1,
          "clientIp": { "trustedProxies": ["127.0.0.2/32"] },
          "transport": { "requireHttps": true, "hsts": "max-age=600" },
          "routes": [
            { "path": "/items/{id}", "validate": {
                "path": { "id": { "type": "integer", "min": 1, "max": 99 } },
                "query": { "kind": { "enum": ["a", "b"] }, "price": { "type": "number", "min": 0.5, "max": 10 },
                           "flag": { "type": "boolean" }, "email": { "type": "email" },
                           "name": { "maxLength": 3 }, "code": { "pattern": "(a+)+b" } },
                "header": { "X-Trace": { "type": "uuid", "required": true } } } },
            { "path": "/upload", "validate": { "maxBodySize": "1KB",
                "contentTypes": ["application/json", "text/plain"] } }
          ]
        }
        """;

    private DemoProcess app;
    private AttackLog log;
    private int httpsPort;
    private HttpClient https;

    @BeforeAll
    void start() throws Exception {
        Path workDir = Files.createTempDirectory("bulwark-validation-it");
        Path keystore = workDir.resolve("it.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "it", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
            "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
            "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        https = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(Duration.ofSeconds(10)).build();

        PolicyFiles.write(workDir.resolve(PolicyFiles.DEFAULT_NAME), POLICY);
        app = EchoApp.start(workDir, TlsBodyEchoApp.class, "-Dit.keystore=" + keystore,
            "-Dit.keystorePassword=" + PASSWORD);
        log = app.attackLog();
        String portLine = app.jvm().awaitStdoutLine(l -> l.startsWith("HTTPS port "), Duration.ofSeconds(30))
            .orElseThrow();
        httpsPort = Integer.parseInt(portLine.substring("HTTPS port ".length()).trim());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    // --- transport ---

    @Test
    void plainHttpIsRefusedAndHttpsPassesWithHsts() throws Exception {
        Raw plain = raw("127.0.0.1", "GET /items/1 HTTP/1.1", List.of(TRACE), null);
        assertThat(plain.status).isEqualTo(403);
        assertThat(plain.text).contains("https-required").doesNotContain("reached");

        HttpResponse<String> secure = get("/items/1", TRACE);
        assertThat(secure.statusCode()).isEqualTo(200);
        assertThat(secure.body()).startsWith("reached 0 ").endsWith(" true");
        assertThat(secure.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=600");
    }

    @Test
    void theProxyHeaderIsHonouredOnlyFromATrustedPeer() {
        List<String> claimsHttps = List.of(TRACE, "X-Forwarded-Proto: https");
        assertThat(raw("127.0.0.1", "GET /items/2 HTTP/1.1", claimsHttps, null).status).as("untrusted peer")
            .isEqualTo(403);
        assertThat(raw("127.0.0.2", "GET /items/2 HTTP/1.1", claimsHttps, null).status).as("trusted proxy")
            .isEqualTo(200);
        assertThat(raw("127.0.0.2", "GET /items/2 HTTP/1.1", List.of(TRACE, "Forwarded: proto=http"), null).status)
            .as("the proxy itself says plain").isEqualTo(403);
    }

    // --- each rule, accepted and refused ---

    @Test
    void eachRuleTypeAcceptsItsBoundaryValues() throws Exception {
        String query = "kind=b&price=0.5&flag=true&email=" + enc("ana@example.org") + "&name=" + enc("\uD83D\uDE00é漢")
            + "&code=aaab";
        for (String path : List.of("/items/1?" + query, "/items/99?price=10")) {
            HttpResponse<String> response = get(path, TRACE);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).startsWith("reached");
        }
    }

    @Test
    void eachRuleTypeRefusesJustPastItsBoundaryListingEveryViolation() throws Exception {
        String query = "kind=c&price=10.01&flag=yes&email=" + enc("ana@") + "&name=" + enc("\uD83D\uDE00\uD83D\uDE00é漢");
        HttpResponse<String> response = get("/items/100?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
            t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("violations").findValuesAsText("rule"))
            .containsExactlyInAnyOrder("max", "enum", "max", "type", "type", "maxLength", "required");
        String eventId = problem.get("eventId").asText();
        JsonNode event = log.await(AttackLog.where("event.id", eventId), Duration.ofSeconds(10)).orElseThrow();
        assertThat(AttackLog.text(event, "event.action")).isEqualTo("input-invalid");
        assertThat(log.matching(AttackLog.where("event.id", eventId))).as("one event per request").hasSize(1);
        assertThat(get("/items/0", TRACE).statusCode()).as("below min").isEqualTo(400);
        assertThat(get("/items/abc", TRACE).statusCode()).as("not an integer").isEqualTo(400);
    }

    @Test
    void theValueEchoedIsAShortEscapedPrefix() throws Exception {
        String value = "\u202e" + "x".repeat(5000);
        HttpResponse<String> response = get("/items/1?kind=" + enc(value), TRACE);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("\u202e").doesNotContain("x".repeat(64)).containsIgnoringCase("\\\\u202e");
    }

    @Test
    void aPatternThatTakesBacktrackingEnginesSecondsStaysFast() throws Exception {
        String evil = "a".repeat(5000) + "c";
        long start = System.nanoTime();
        HttpResponse<String> response = get("/items/1?code=" + evil, TRACE);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"rule\":\"pattern\"");
        assertThat(millis).isLessThan(2_000);
    }

    // --- bodies ---

    @Test
    void aBodyWithinTheLimitReachesTheAppByteForByte() throws Exception {
        byte[] body = ("{\"note\":\"" + "é".repeat(400) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isLessThanOrEqualTo(1024);
        HttpResponse<String> response = https.send(HttpRequest.newBuilder(uri("/upload"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("reached " + body.length + " " + sha256(body) + " true");
    }

    @Test
    void aDeclaredOversizeBodyIs413AndAnotherContentTypeIs415() throws Exception {
        Raw tooLarge = raw("127.0.0.2", "POST /upload HTTP/1.1", List.of("X-Forwarded-Proto: https",
            "Content-Type: application/json", "Content-Length: 1025"), new byte[1025]);
        assertThat(tooLarge.status).isEqualTo(413);
        assertThat(tooLarge.text).doesNotContain("reached");

        Raw wrongType = raw("127.0.0.2", "POST /upload HTTP/1.1", List.of("X-Forwarded-Proto: https",
            "Content-Type: application/xml", "Content-Length: 4"), "<a/>".getBytes(StandardCharsets.UTF_8));
        assertThat(wrongType.status).isEqualTo(415);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WhileTheAppReads() {
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            chunks.append("100\r\n").append("x".repeat(256)).append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        Raw response = raw("127.0.0.2", "POST /upload HTTP/1.1", List.of("X-Forwarded-Proto: https",
            "Content-Type: text/plain", "Transfer-Encoding: chunked"), chunks.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(response.status).isEqualTo(413);
        assertThat(response.text).contains("maxBodySize").doesNotContain("reached");
    }

    @Test
    void aClientThatDeclaresLessThanItSendsMeetsTheLimitOnWhatItDeclared() {
        // Content-Length 10 followed by 4 KB: the container reads 10 bytes as the body; the rest is a second,
        // malformed request on the same connection, never this request's body.
        byte[] lie = "x".repeat(4096).getBytes(StandardCharsets.US_ASCII);
        Raw response = raw("127.0.0.2", "POST /upload HTTP/1.1", List.of("X-Forwarded-Proto: https",
            "Content-Type: text/plain", "Content-Length: 10"), lie);

        assertThat(response.status).isEqualTo(200);
        assertThat(response.text).contains("reached 10 ");
    }

    // --- helpers ---

    private HttpResponse<String> get(String pathAndQuery, String... headerLines) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20)).GET();
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            request.header(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("https://127.0.0.1:" + httpsPort + pathAndQuery);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("it", keys.getCertificate("it"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private record Raw(int status, String text) {
    }

    /** One request on a plain socket from {@code localAddress}; the first response's status and the raw text. */
    private Raw raw(String localAddress, String requestLine, List<String> headerLines, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 10_000);
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            headerLines.forEach(line -> head.append(line).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException refusedMidBody) {
                // the server answered and closed before taking the whole body: its answer is still to be read
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(received);
            } catch (IOException reset) {
                // a reset after the response was sent; what arrived is enough
            }
            String text = received.toString(StandardCharsets.UTF_8);
            assertThat(text).as("a response").startsWith("HTTP/1.1 ");
            return new Raw(Integer.parseInt(text.substring(9, 12)), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
