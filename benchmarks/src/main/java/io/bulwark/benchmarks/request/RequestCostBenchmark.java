package io.bulwark.benchmarks.request;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.LocalConnector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole request through a real Jetty, in process: the load script's three endpoints, each request parsed, routed,
 * served and its response parsed back, on one kept-alive {@link LocalConnector} connection. The two subclasses are
 * the same benchmark forked without ({@link RequestCostWithoutAgent}) and with ({@link RequestCostWithAgent}) the
 * agent jar and {@code request-cost-policy.json}; their difference is the agent's cost per request, without sockets,
 * a load generator or the kernel's scheduling in the way. {@link RequestCostRun} writes the key, token and policy
 * the forks need, then runs both.
 *
 * <p>Every request carries the same RS256 bearer token, and every answer must be a 200: a benchmark that measured
 * 401s or 429s would look cheap and mean nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class RequestCostBenchmark {

    /** Relative to the repository root, where {@link RequestCostRun} must be started (the fork inherits it). */
    static final Path WORK_DIR = Path.of("benchmarks/target/request-cost");
    static final String AGENT_JAR = "agent/target/bulwark-agent.jar";
    static final String POLICY = "benchmarks/target/request-cost/bulwark-policy.json";

    /** The load script's JSON body (its {@code filter.json}). */
    static final String FILTER_BODY = "{\"category\":\"peripherals\",\"maxPrice\":100}";

    private RequestCostApp app;
    private LocalConnector.LocalEndPoint connection;
    private ByteBuffer noop;
    private ByteBuffer sql;
    private ByteBuffer json;

    /** Whether this fork runs under the agent: the set-up then proves the agent is there, else that it is not. */
    abstract boolean underAgent();

    @Setup
    public void start() throws Exception {
        Path tokenFile = WORK_DIR.resolve("token.txt");
        if (!Files.isRegularFile(tokenFile)) {
            throw new IllegalStateException("no " + tokenFile + ": start this benchmark through RequestCostRun, from"
                    + " the repository root");
        }
        String token = Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
        app = new RequestCostApp();
        connection = app.connect();
        noop = request("GET /api/noop", token, null);
        sql = request("GET /api/products/search?q=Lamp", token, null);
        json = request("POST /api/products/filter", token, FILTER_BODY);
        noop();
        sql();
        json();
        // An injection the agent blocks and an app without it runs; and no token, which only the agent refuses.
        ByteBuffer attack = request("GET /api/products/search?q=x'%20OR%20'1'='1", token, null);
        ByteBuffer anonymous = request("GET /api/noop", null, null);
        expect(attack, underAgent() ? 403 : 200);
        expect(anonymous, underAgent() ? 401 : 200);
    }

    @TearDown
    public void stop() throws Exception {
        connection.close();
        app.close();
    }

    /** The trivial GET: what the agent adds at entry and exit. */
    @Benchmark
    public ByteBuffer noop() throws Exception {
        return exchange(noop, 200);
    }

    /** A GET whose query parameter reaches one SQL statement: entry, exit and one sink. */
    @Benchmark
    public ByteBuffer sql() throws Exception {
        return exchange(sql, 200);
    }

    /** A POST whose validated JSON body is read at entry, served to the app, and whose leaf reaches one statement. */
    @Benchmark
    public ByteBuffer json() throws Exception {
        return exchange(json, 200);
    }

    private void expect(ByteBuffer request, int status) throws Exception {
        exchange(request, status);
    }

    private ByteBuffer exchange(ByteBuffer request, int status) throws Exception {
        connection.addInput(request.duplicate());
        ByteBuffer response = connection.waitForResponse(false, 10, TimeUnit.SECONDS);
        if (response == null || status(response) != status) {
            throw new IllegalStateException("expected " + status + ", got "
                    + (response == null ? "no response" : StandardCharsets.ISO_8859_1.decode(response.duplicate())));
        }
        return response;
    }

    /** The status code of {@code HTTP/1.1 NNN ...}, read in place. */
    private static int status(ByteBuffer response) {
        int at = response.position() + 9;
        if (response.limit() < at + 3) {
            return -1;
        }
        return (response.get(at) - '0') * 100 + (response.get(at + 1) - '0') * 10 + (response.get(at + 2) - '0');
    }

    /** The request as a client sends it: Host, the bearer token, and for a body its type and length. */
    private static ByteBuffer request(String requestLine, String token, String body) {
        StringBuilder http = new StringBuilder(1024).append(requestLine).append(" HTTP/1.1\r\nHost: localhost\r\n");
        if (token != null) {
            http.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (body != null) {
            http.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n").append(body);
        } else {
            http.append("\r\n");
        }
        return ByteBuffer.wrap(http.toString().getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }
}
