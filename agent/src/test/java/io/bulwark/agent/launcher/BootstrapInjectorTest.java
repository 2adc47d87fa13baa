package io.bulwark.agent.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the launcher finds the bridge's class files in a real jar, with the build's index and without it. */
class BootstrapInjectorTest {

    private static final String[] BRIDGE = {"io/bulwark/bootstrap/Dispatcher$1.class",
            "io/bulwark/bootstrap/Bridge.class", "io/bulwark/bootstrap/Dispatcher.class",
            "io/bulwark/bootstrap/AgentThread.class"};

    private static Path jar(Path dir, String index, String... entries) throws IOException {
        Path jar = dir.resolve("agent.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (String entry : entries) {
                put(out, entry, "bytes of " + entry);
            }
            put(out, "inst/io/bulwark/agent/AgentMain.classdata", "not the bridge");
            put(out, "io/bulwark/bootstrap/readme.txt", "not a class");
            if (index != null) {
                put(out, BootstrapInjector.INDEX, index);
            }
        }
        return jar;
    }

    private static void put(ZipOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    @Test
    void theBuildsIndexNamesTheBridgeOuterClassesFirst(@TempDir Path dir) throws IOException {
        // the index lists only three of the four: what it says is what is defined, nothing is searched for
        Path jar = jar(dir, "io/bulwark/bootstrap/Dispatcher$1.class\nio/bulwark/bootstrap/Dispatcher.class\n"
                + "io/bulwark/bootstrap/Bridge.class\n", BRIDGE);
        try (JarFile opened = new JarFile(jar.toFile(), false)) {
            assertThat(BootstrapInjector.bridgeClassFiles(opened)).containsExactly(
                    "io/bulwark/bootstrap/Bridge.class", "io/bulwark/bootstrap/Dispatcher.class",
                    "io/bulwark/bootstrap/Dispatcher$1.class");
        }
    }

    @Test
    void withoutTheIndexTheJarIsSearched(@TempDir Path dir) throws IOException {
        try (JarFile opened = new JarFile(jar(dir, null, BRIDGE).toFile(), false)) {
            assertThat(BootstrapInjector.bridgeClassFiles(opened)).containsExactly(
                    "io/bulwark/bootstrap/AgentThread.class", "io/bulwark/bootstrap/Bridge.class",
                    "io/bulwark/bootstrap/Dispatcher.class", "io/bulwark/bootstrap/Dispatcher$1.class");
        }
    }

    @Test
    void anIndexNamingAnythingButBridgeClassesIsRefused(@TempDir Path dir) throws IOException {
        Path jar = jar(dir, "io/bulwark/bootstrap/Bridge.class\ninst/io/bulwark/agent/AgentMain.classdata\n", BRIDGE);
        try (JarFile opened = new JarFile(jar.toFile(), false)) {
            assertThatThrownBy(() -> BootstrapInjector.bridgeClassFiles(opened)).isInstanceOf(IOException.class)
                    .hasMessageContaining("not a bridge class file");
        }
    }
}
