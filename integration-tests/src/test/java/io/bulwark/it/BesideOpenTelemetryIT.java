package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.CompatApps;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.TestJars;

/**
 * The demo with the OpenTelemetry Java agent in the same JVM, in either {@code -javaagent} order: attacks are still
 * blocked and logged, benign requests still answered, and OpenTelemetry still makes its server spans (its logging
 * exporter prints them; the other exporters are off, so nothing leaves the machine). With OpenTelemetry first, the
 * classes it transformed implement interfaces it generates at run time (VirtualFieldAccessor$...), which have no class
 * file: the hooks must still go in.
 */
class BesideOpenTelemetryIT {

    @ParameterizedTest(name = "OpenTelemetry agent {0}")
    @ValueSource(strings = {"first", "second"})
    void bothAgentsKeepWorking(String otelPosition, @TempDir Path workDir) throws Exception {
        run(otelPosition, workDir);
    }

    private void run(String otelPosition, Path workDir) throws Exception {
        PolicyFiles.copyDemoPolicy(workDir);
        String otel = "-javaagent:" + CompatApps.openTelemetryAgent();
        String bulwark = "-javaagent:" + TestJars.agent();
        String[] agents = otelPosition.equals("first") ? new String[] {otel, bulwark} : new String[] {bulwark, otel};
        JvmCommand command = JvmCommand.demo(workDir).jvmArgs(agents).jvmArgs(
            "-Dotel.traces.exporter=logging", "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none",
            "-Dotel.service.name=bulwark-demo");
        try (DemoProcess demo = DemoProcess.start(command)) {
            HttpResponse<String> benign = demo.http().get("/api/products/search", "q", "anvil");
            assertThat(benign.statusCode()).as(demo.jvm().describe()).isEqualTo(200);

            HttpResponse<String> attack = demo.http().get("/api/products/search", "q", "' OR '1'='1");
            assertThat(attack.statusCode()).as(demo.jvm().describe()).isEqualTo(403);
            assertThat(demo.attackLog().await(AttackLog.where("event.action", "sql-injection-blocked"),
                Duration.ofSeconds(5))).isPresent();

            Path marker = workDir.resolve("pwned");
            assertThat(demo.http().get("/api/tools/ping", "host", "x; touch " + marker).statusCode()).isEqualTo(403);
            assertThat(Files.exists(marker)).isFalse();

            // OpenTelemetry's server span for the search, printed by its logging exporter
            assertThat(demo.jvm().awaitStderrLine(l -> l.contains("LoggingSpanExporter")
                && l.contains("/api/products/search"), Duration.ofSeconds(20)))
                .as(demo.jvm().describe()).isPresent();
            assertThat(demo.stderrLines()).noneMatch(l -> l.contains("[bulwark] internal error"));
        }
    }
}
