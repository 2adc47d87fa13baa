package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.bulwark.it.support.DemoAttacks;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.Http;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;

/**
 * The agent's MBeans, read over JMX remote from the demo under the agent, after a scripted run whose every request
 * has a known outcome: each counter must equal the number the script produced, no more and no less.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String API_KEY = "metrics-it-key-0123456789";

    private static final int BENIGN = 5;
    private static final int SQL_BLOCKED = 3;
    private static final int SHELL_BLOCKED = 2;
    private static final int SQL_MONITORED = 1;
    private static final int UNAUTHENTICATED = 4;
    private static final int HEALTH_LIMIT = 3;
    private static final int HEALTH_CALLS = 5;

    @TempDir
    static Path workDir;

    private DemoProcess demo;
    private JMXConnector jmx;
    private MBeanServerConnection server;
    private Path policyFile;
    private String policy;

    @BeforeAll
    void start() throws Exception {
        policy = policy(sha256Hex(API_KEY));
        policyFile = PolicyFiles.write(workDir.resolve(PolicyFiles.DEFAULT_NAME), policy);
        int port = freePort();
        demo = DemoProcess.start(JvmCommand.demo(workDir).withAgent().jvmArgs(
                "-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false",
                "-Dcom.sun.management.jmxremote.local.only=true",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dbulwark.metrics.timingSampleEvery=1", // every request timed, so the histogram count is exact
                "-Dbulwark.policy.pollMillis=100",
                "-Dbulwark.floodWindowMillis=500"));
        jmx = JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
        server = jmx.getMBeanServerConnection();
    }

    @AfterAll
    void stop() throws IOException {
        if (jmx != null) {
            jmx.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void everyCounterEqualsWhatTheScriptedRunProduced() throws Exception {
        Http http = demo.http();
        for (int i = 0; i < BENIGN; i++) {
            assertThat(http.get("/api/products").statusCode()).isEqualTo(200);
        }
        for (String attack : new String[] {DemoAttacks.SEARCH_DROP_SECRETS, DemoAttacks.SEARCH_TAUTOLOGY,
                DemoAttacks.SEARCH_UNION_SECRETS}) {
            assertThat(http.get("/api/products/search", "q", attack).statusCode()).isEqualTo(403);
        }
        for (int i = 0; i < SHELL_BLOCKED; i++) {
            Path marker = workDir.resolve("marker-" + i);
            assertThat(http.get("/api/tools/ping", "host", DemoAttacks.pingTouch(marker)).statusCode())
                    .isEqualTo(403);
            assertThat(marker).doesNotExist();
        }
        assertThat(http.get("/api/orders/" + Http.segment(DemoAttacks.ORDER_ID_TAUTOLOGY)).statusCode())
                .isEqualTo(200); // monitor mode on this route: logged, let through
        for (int i = 0; i < UNAUTHENTICATED; i++) {
            assertThat(http.get("/api/reports/summary").statusCode()).isEqualTo(401);
        }
        assertThat(http.send(http.request("/api/reports/summary").header("X-API-Key", API_KEY).GET())
                .statusCode()).isEqualTo(200);
        int limited = 0;
        for (int i = 0; i < HEALTH_CALLS; i++) {
            limited += http.get("/health").statusCode() == 429 ? 1 : 0;
        }
        assertThat(limited).isEqualTo(HEALTH_CALLS - HEALTH_LIMIT);

        // Published after the first request, off the request thread: wait for the names to appear.
        awaitTrue(() -> registered("Requests") && registered("Agent"));
        long seen = BENIGN + SQL_BLOCKED + SHELL_BLOCKED + SQL_MONITORED + UNAUTHENTICATED + 1 + HEALTH_CALLS;
        // exit advice may still be running when the client has its answer
        awaitTrue(() -> get("Requests", "AgentTimeCount").equals(seen));
        assertThat(get("Requests", "Seen")).isEqualTo(seen);
        assertThat(get("Requests", "Denied")).isEqualTo((long) UNAUTHENTICATED + limited);
        assertThat(get("Requests", "DeniedUnauthenticated")).isEqualTo((long) UNAUTHENTICATED);
        assertThat(get("Requests", "DeniedRateLimited")).isEqualTo((long) limited);
        assertThat(get("Requests", "DeniedInsufficientScope")).isEqualTo(0L);
        assertThat(get("Requests", "DeniedOther")).isEqualTo(0L);
        assertThat((long) get("Requests", "AgentTimeP50Nanos")).isPositive();
        assertThat(sum((long[]) get("Requests", "AgentTimeBucketCounts"))).isEqualTo(seen);

        assertThat(get("Attacks", "SqlInjectionBlocked")).isEqualTo((long) SQL_BLOCKED);
        assertThat(get("Attacks", "ShellInjectionBlocked")).isEqualTo((long) SHELL_BLOCKED);
        assertThat(get("Attacks", "SqlInjectionMonitored")).isEqualTo((long) SQL_MONITORED);
        assertThat(get("Attacks", "ShellInjectionMonitored")).isEqualTo(0L);
        assertThat(get("Attacks", "Blocked")).isEqualTo((long) SQL_BLOCKED + SHELL_BLOCKED);
        assertThat((long) get("Attacks", "SinkChecks"))
                .isGreaterThanOrEqualTo(SQL_BLOCKED + SHELL_BLOCKED + SQL_MONITORED);

        assertThat(get("Store", "Available")).isEqualTo(true);
        assertThat(get("Store", "Outages")).isEqualTo(0L);

        // a reload the agent refuses, then one it puts in force
        Files.writeString(policyFile, "{ \"version\": 1, \"mode\": \"sometimes\" }");
        awaitTrue(() -> get("Agent", "PolicyReloadsRejected").equals(1L));
        Files.writeString(policyFile, policy + "\n");
        awaitTrue(() -> get("Agent", "PolicyReloads").equals(1L));
        assertThat(get("Agent", "PolicyReloadsRejected")).isEqualTo(1L);
        assertThat(get("Agent", "PolicyGeneration")).isEqualTo(2L);
        assertThat(get("Agent", "PolicySource")).isEqualTo(policyFile.toString());
        assertThat(get("Agent", "AdviceErrors")).isEqualTo(0L);

        // each injection, refused credential and reload is one line; the rate-limit refusals fold into one or more
        long atLeast = SQL_BLOCKED + SHELL_BLOCKED + SQL_MONITORED + UNAUTHENTICATED + 1 + 2;
        awaitTrue(() -> (long) get("AttackLog", "EventsWritten") >= atLeast
                && get("AttackLog", "EventsWritten").equals((long) demo.attackLog().events().size()));
        assertThat(get("AttackLog", "EventsDropped")).isEqualTo(0L);
    }

    private static String policy(String keyHash) {
        return """
            {
              "version": 1,
              "mode": "block",
              "injection": { "sql": "block", "shell": "block" },
              "authentication": {
                "apiKeys": { "header": "X-API-Key", "keys": [ { "id": "metrics-it", "sha256": "%s" } ] }
              },
              "rateLimits": { "health": { "key": "ip", "limit": %d, "per": "1h" } },
              "defaults": { "auth": "public", "rateLimits": [] },
              "routes": [
                { "path": "/health", "rateLimits": ["health"] },
                { "path": "/api/reports/**", "auth": "authenticated" },
                { "path": "/api/orders/**", "injection": { "sql": "monitor" } }
              ]
            }
            """.formatted(keyHash, HEALTH_LIMIT);
    }

    private boolean registered(String type) {
        try {
            return server.isRegistered(name(type));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object get(String type, String attribute) {
        try {
            return server.getAttribute(name(type), attribute);
        } catch (Exception e) {
            throw new IllegalStateException("io.bulwark:type=" + type + " " + attribute, e);
        }
    }

    private static ObjectName name(String type) {
        try {
            return new ObjectName("io.bulwark:type=" + type);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + WAIT);
            }
            Thread.sleep(50);
        }
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long value : values) {
            total += value;
        }
        return total;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String sha256Hex(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
