package io.bulwark.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bulwark.it.support.testapps.ChattyExit;
import io.bulwark.it.support.testapps.ShellParent;

class ForkedJvmTest {

    private static final List<Path> TEST_CLASSES = List.of(classesOf(ChattyExit.class));

    @Test
    void capturesBothStreamsAndTheExitCode(@TempDir Path dir) {
        try (ForkedJvm jvm = JvmCommand.mainClass(dir, TEST_CLASSES, ChattyExit.class.getName()).start()) {
            assertThat(jvm.awaitExit(Duration.ofSeconds(30))).hasValue(3);
            assertThat(jvm.stdoutLines()).containsExactly("to stdout");
            assertThat(jvm.stderrLines()).containsExactly("to stderr");
        }
    }

    @Test
    void closeKillsTheChildProcessesToo(@TempDir Path dir) {
        ProcessHandle child;
        try (ForkedJvm jvm = JvmCommand.mainClass(dir, TEST_CLASSES, ShellParent.class.getName()).start()) {
            Optional<String> line = jvm.awaitStdoutLine(l -> l.startsWith("child "), Duration.ofSeconds(30));
            assertThat(line).as(jvm.describe()).isPresent();
            child = ProcessHandle.of(Long.parseLong(line.get().substring("child ".length()))).orElseThrow();
            assertThat(child.isAlive()).isTrue();
        }

        assertThat(child.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join())
            .as("the child ended").isNotNull();
        assertThat(child.isAlive()).isFalse();
    }

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
