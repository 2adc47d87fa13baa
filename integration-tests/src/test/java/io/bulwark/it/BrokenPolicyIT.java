package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bulwark.it.support.ForkedJvm;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;

/**
 * A bad policy at start: the JVM prints where and what is wrong and exits non-zero, rather than letting the app
 * run half-protected. Policies are indented with four spaces so that the culprit's column is known.
 */
class BrokenPolicyIT {

    private static final Duration EXIT_WITHIN = Duration.ofSeconds(20);

    @Test
    void unknownFieldInTheDiscoveredPolicyStopsTheJvm(@TempDir Path workDir) {
        PolicyFiles.write(workDir.resolve("bulwark-policy.json"), """
            {
                "version": 1,
                "injektion": { "sql": "block" }
            }
            """);

        try (ForkedJvm jvm = JvmCommand.demo(workDir).withAgent().start()) {
            OptionalInt exit = jvm.awaitExit(EXIT_WITHIN);

            assertThat(exit).as(jvm.describe()).isPresent();
            assertThat(exit.getAsInt()).as(jvm.describe()).isNotZero();
            assertThat(jvm.stderr()).contains("bulwark-policy.json:3:5:").contains("injektion");
            assertThat(jvm.stdout()).doesNotContain("Demo listening");
        }
    }

    @Test
    void invalidValueInAPolicyGivenByAgentArgumentNamesThatFile(@TempDir Path workDir, @TempDir Path etc) {
        Path policy = PolicyFiles.write(etc.resolve("orders-api.json"), """
            {
                "version": 1,
                "injection": {
                    "sql": "blok"
                }
            }
            """);
        // A valid policy in the working directory must not win over the one the agent argument names.
        PolicyFiles.write(workDir.resolve("bulwark-policy.json"), "{\"version\": 1}\n");

        try (ForkedJvm jvm = JvmCommand.demo(workDir).withAgent("policy=" + policy).start()) {
            OptionalInt exit = jvm.awaitExit(EXIT_WITHIN);

            assertThat(exit).as(jvm.describe()).isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            // The column depends on whether the field or its value is blamed; the line does not. The value itself
            // is not echoed: a policy value may be a secret put in the wrong place.
            assertThat(jvm.stderr()).contains("orders-api.json:4:").contains("injection.sql");
            assertThat(jvm.stdout()).doesNotContain("Demo listening");
        }
    }

    @Test
    void malformedJsonStopsTheJvmWithItsPosition(@TempDir Path workDir) {
        PolicyFiles.write(workDir.resolve("bulwark-policy.json"), """
            {
                "version": 1
                "injection": { "sql": "block" }
            }
            """);

        try (ForkedJvm jvm = JvmCommand.demo(workDir).withAgent().start()) {
            OptionalInt exit = jvm.awaitExit(EXIT_WITHIN);

            assertThat(exit).as(jvm.describe()).isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            assertThat(jvm.stderr()).contains("bulwark-policy.json:3:");
            assertThat(jvm.stdout()).doesNotContain("Demo listening");
        }
    }

    /**
     * A number no field can hold: once an uncaught NumberFormatException in the parser, which the launcher took for
     * an agent failure and let the app start unprotected. Now a policy error at its position, and exit 78.
     */
    @Test
    void aNumberBeyondAnyFieldsRangeStopsTheJvmWithItsPosition(@TempDir Path workDir) {
        PolicyFiles.write(workDir.resolve("bulwark-policy.json"), """
            {
                "version": 1e9999999999
            }
            """);

        try (ForkedJvm jvm = JvmCommand.demo(workDir).withAgent().start()) {
            OptionalInt exit = jvm.awaitExit(EXIT_WITHIN);

            assertThat(exit).as(jvm.describe()).isPresent();
            assertThat(exit.getAsInt()).as(jvm.describe()).isEqualTo(78);
            assertThat(jvm.stderr()).contains("bulwark-policy.json:2:").contains("version");
            assertThat(jvm.stdout()).doesNotContain("Demo listening");
        }
    }
}
