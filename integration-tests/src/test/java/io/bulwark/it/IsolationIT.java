package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.simple.SimpleLogger;

import io.bulwark.it.probe.IsolationProbe;
import io.bulwark.it.support.BenignCalls.Outcome;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.ForkedJvm;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;

/**
 * The agent's own Jackson, SLF4J and engines never meet the app's: the app keeps its Jackson 2.17 and its SLF4J
 * binding, and cannot load the agent's internals.
 */
class IsolationIT {

    @Test
    void demoWithItsOwnJacksonAndSlf4jServesUnchanged(@TempDir Path plainDir, @TempDir Path guardedDir) {
        PolicyFiles.copyDemoPolicy(guardedDir);
        try (DemoProcess plain = DemoProcess.start(JvmCommand.demo(plainDir));
                DemoProcess guarded = DemoProcess.start(JvmCommand.demo(guardedDir).withAgent())) {
            for (String path : List.of("/api/products", "/api/orders/1", "/api/reports/summary")) {
                assertThat(Outcome.of(guarded.http().get(path))).as(path)
                    .isEqualTo(Outcome.of(plain.http().get(path)));
            }
            // Two SLF4J providers or a Jackson clash would announce themselves here.
            assertThat(String.join("\n", guarded.stderrLines())).doesNotContain("SLF4J", "jackson", "Exception");
        }
    }

    @Test
    void probeSeesOnlyItsOwnLibraries(@TempDir Path workDir) throws Exception {
        List<Path> classPath = List.of(
            jarOf(IsolationProbe.class), jarOf(ObjectMapper.class), jarOf(JsonFactory.class),
            jarOf(JsonProperty.class), jarOf(LoggerFactory.class), jarOf(SimpleLogger.class));

        try (ForkedJvm jvm = JvmCommand.mainClass(workDir, classPath, IsolationProbe.class.getName())
                .withAgent().start()) {
            OptionalInt exit = jvm.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).as(jvm.describe()).hasValue(0);
            assertThat(jvm.stdoutLines()).as(jvm.describe()).contains(
                "hidden io.bulwark.agent.AgentMain",
                "hidden io.bulwark.shaded.jackson.databind.ObjectMapper",
                "hidden io.bulwark.policies.injection.Input",
                "bridge visible",
                "json {\"probe\":\"ok\"}",
                "slf4j org.slf4j.simple.SimpleLoggerFactory");
            assertThat(jvm.stdoutLines()).anySatisfy(line -> assertThat(line).startsWith("jackson 2.17."));
            assertThat(jvm.stderr()).contains("probe logging through the app's binding");
        }
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
