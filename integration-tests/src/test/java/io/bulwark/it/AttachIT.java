package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.DemoAttacks;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.ForkedJvm;
import io.bulwark.it.support.Http;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.TestJars;

/**
 * {@code java -jar bulwark-agent.jar attach PID [policy=PATH]} against the demo started without the agent: the
 * attack that passed before the attach is blocked after it, with the classes already loaded retransformed; a bad
 * policy or a second attach is refused by the command with nothing printed into, or changed in, the target.
 */
class AttachIT {

    private static final Duration COMMAND_WITHIN = Duration.ofSeconds(60);
    private static final int SEEDED_PRODUCTS = 8;

    @Test
    void attachedAgentBlocksTheNextAttackAndRefusesASecondAttach(@TempDir Path appDir, @TempDir Path etc)
            throws InterruptedException {
        Path policy = PolicyFiles.copyDemoPolicy(etc);
        try (DemoProcess demo = DemoProcess.start(JvmCommand.demo(appDir))) {
            // Everything the attack needs is loaded and used once, so the attach must retransform, not just hook.
            assertThat(Http.json(search(demo))).hasSize(SEEDED_PRODUCTS);

            Attach first = attach(demo, appDir, "policy=" + policy);

            assertThat(first.exit).as(first.describe).isZero();
            assertThat(first.stdout).contains("Bulwark attached to JVM " + demo.jvm().pid());
            HttpResponse<String> blocked = search(demo);
            assertThat(blocked.statusCode()).isEqualTo(403);
            String eventId = Http.json(blocked).get("eventId").asText();
            JsonNode event = demo.attackLog().await(AttackLog.where("event.id", eventId), Duration.ofSeconds(5))
                .orElseThrow(() -> new AssertionError("no event " + eventId + " in " + demo.attackLog().events()));
            assertThat(event.toString()).contains("ProductServlet");
            assertThat(demo.http().get("/api/products/search", "q", "lamp").statusCode()).isEqualTo(200);
            assertThat(demo.stderrLines()).anySatisfy(line -> assertThat(line).contains("attached"));
            int targetErrLines = demo.stderrLines().size();

            Attach second = attach(demo, appDir, "policy=" + policy);

            assertThat(second.exit).as(second.describe).isEqualTo(1);
            assertThat(second.stderr).contains("already runs in JVM " + demo.jvm().pid()).contains("nothing changed");
            Thread.sleep(300);
            assertThat(demo.stderrLines()).as("the target's stderr").hasSize(targetErrLines);
            assertThat(search(demo).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void badPolicyFailsTheCommandAndLeavesTheJvmUntouched(@TempDir Path appDir, @TempDir Path etc) {
        Path policy = PolicyFiles.write(etc.resolve("broken.json"), """
            {
                "version": 1,
                "injection": { "sql": "blok" }
            }
            """);
        try (DemoProcess demo = DemoProcess.start(JvmCommand.demo(appDir))) {
            Attach refused = attach(demo, appDir, "policy=" + policy);

            assertThat(refused.exit).as(refused.describe).isEqualTo(1);
            assertThat(refused.stderr).contains("broken.json:3:27: injection.sql").contains("left untouched");
            assertThat(demo.stderrLines()).as("the target's stderr").isEmpty();
            assertThat(Http.json(search(demo))).as("still unprotected").hasSize(SEEDED_PRODUCTS);

            // Untouched means a later attach with a good policy still works.
            Attach good = attach(demo, appDir, "policy=" + PolicyFiles.copyDemoPolicy(etc));
            assertThat(good.exit).as(good.describe).isZero();
            assertThat(search(demo).statusCode()).isEqualTo(403);
        }
    }

    private static HttpResponse<String> search(DemoProcess demo) {
        return demo.http().get("/api/products/search", "q", DemoAttacks.SEARCH_TAUTOLOGY);
    }

    private static Attach attach(DemoProcess demo, Path dir, String policyArg) {
        JvmCommand command = JvmCommand.jar(dir, TestJars.agent())
            .args("attach", Long.toString(demo.jvm().pid()), policyArg);
        try (ForkedJvm tool = command.start()) {
            OptionalInt exit = tool.awaitExit(COMMAND_WITHIN);
            assertThat(exit).as(tool.describe()).isPresent();
            return new Attach(exit.getAsInt(), tool.stdout(), tool.stderr(), tool.describe());
        }
    }

    private record Attach(int exit, String stdout, String stderr, String describe) {
    }
}
