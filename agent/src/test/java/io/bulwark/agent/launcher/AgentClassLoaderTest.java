package io.bulwark.agent.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's loader over a real jar laid out as the build lays it out ({@code inst/**.classdata}). */
class AgentClassLoaderTest {

    @TempDir
    Path dir;

    private AgentClassLoader loader(String... entriesAndContents) throws IOException {
        Path jar = dir.resolve("agent.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (int i = 0; i < entriesAndContents.length; i += 2) {
                out.putNextEntry(new ZipEntry(entriesAndContents[i]));
                out.write(entriesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return new AgentClassLoader(new JarFile(jar.toFile(), false), jar.toFile(),
                ClassLoader.getPlatformClassLoader());
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void classFilesAreReadFromTheirRenamedEntries() throws IOException {
        AgentClassLoader loader = loader("inst/io/bulwark/x/Advice.classdata", "advice bytes",
                "inst/META-INF/services/io.bulwark.X", "io.bulwark.x.Impl", "io/bulwark/x/Advice.class", "decoy");
        assertThat(read(loader.getResourceAsStream("io/bulwark/x/Advice.class"))).isEqualTo("advice bytes");
        assertThat(read(loader.getResourceAsStream("META-INF/services/io.bulwark.X"))).isEqualTo("io.bulwark.x.Impl");
        assertThat(read(loader.getResource("io/bulwark/x/Advice.class").openStream())).isEqualTo("advice bytes");
        assertThat(loader.getResourceAsStream("io/bulwark/x/Missing.class")).isNull();
    }

    @Test
    void theJdksResourcesComeFirst() throws IOException {
        AgentClassLoader loader = loader("inst/java/lang/Object.classdata", "not the JDK's Object");
        byte[] served = loader.getResourceAsStream("java/lang/Object.class").readAllBytes();
        // a real class file: the platform loader answered, not the jar
        assertThat(served).hasSizeGreaterThan(100);
        assertThat(served[0]).isEqualTo((byte) 0xCA);
    }
}
