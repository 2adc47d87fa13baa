package io.bulwark.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackLogShutdownTest {

    @TempDir
    Path dir;

    @Test
    void aNormalJvmExitWritesEverythingQueued() throws IOException, InterruptedException {
        Path file = dir.resolve("attacks.jsonl");
        Path output = dir.resolve("probe-output.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ShutdownHookProbe.class.getName(), file.toString(), "5000")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();

        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(Files.readString(output)).isZero();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(5000);
        assertThat(lines.get(4999)).contains("\"seq\":4999");
    }
}
