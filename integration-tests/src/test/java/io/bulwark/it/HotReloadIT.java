package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.DemoAttacks;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.Http;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;

/**
 * Editing the policy of a running app: monitor → block takes effect within seconds; a broken edit leaves the last
 * good policy in force, is reported, and the app keeps serving; a later good edit still takes effect.
 */
class HotReloadIT {

    private static final Duration RELOAD_WITHIN = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(250);

    private static final String MONITOR = """
        {
          "version": 1,
          "injection": { "sql": "monitor", "shell": "block" }
        }
        """;
    private static final String BLOCK = MONITOR.replace("\"monitor\"", "\"block\"");
    /** Would switch SQL back to monitor if it were applied in part. */
    private static final String BROKEN = """
        {
          "version": 1,
          "injection": { "sql": "monitor", "shell": "block" },
          "unknownField": true
        }
        """;

    @Test
    void policyEditsApplyWhileTheAppRuns(@TempDir Path workDir) {
        Path policy = PolicyFiles.write(workDir.resolve("bulwark-policy.json"), MONITOR);
        try (DemoProcess demo = DemoProcess.start(JvmCommand.demo(workDir).withAgent())) {
            String everyProduct = demo.http().get("/api/products").body();
            AttackLog log = demo.attackLog();
            Predicate<JsonNode> detected = AttackLog.where("event.action", "sql-injection-detected");

            HttpResponse<String> monitored = attack(demo);
            assertThat(monitored.statusCode()).as("monitor lets it through").isEqualTo(200);
            assertThat(monitored.body()).isEqualTo(everyProduct);
            assertThat(log.await(detected, Duration.ofSeconds(5))).isPresent();
            assertThat(log.matching(detected)).hasSize(1);

            PolicyFiles.write(policy, BLOCK);
            assertThat(awaitAttackStatus(demo, 403)).as("block within " + RELOAD_WITHIN).isTrue();

            int stderrBefore = demo.stderrLines().size();
            PolicyFiles.write(policy, BROKEN);
            assertThat(demo.jvm().awaitStderrLine(line -> line.contains("bulwark-policy.json") && line.contains("invalid"),
                RELOAD_WITHIN))
                .as("the broken edit is reported").isPresent();
            assertThat(demo.stderrLines().size()).isGreaterThan(stderrBefore);
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                assertThat(attack(demo).statusCode()).as("last good policy stays in force").isEqualTo(403);
                assertThat(demo.http().get("/health").statusCode()).isEqualTo(200);
                sleep(POLL);
            }

            PolicyFiles.write(policy, MONITOR);
            assertThat(awaitAttackStatus(demo, 200)).as("a good edit after a broken one still applies").isTrue();
        }
    }

    private static HttpResponse<String> attack(DemoProcess demo) {
        return demo.http().get("/api/products/search", "q", DemoAttacks.SEARCH_COMMENT_TAUTOLOGY);
    }

    private static boolean awaitAttackStatus(DemoProcess demo, int status) {
        long deadline = System.nanoTime() + RELOAD_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (attack(demo).statusCode() == status) {
                return true;
            }
            sleep(POLL);
        }
        return false;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
