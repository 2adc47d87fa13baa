package io.bulwark.it.support;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.bulwark.it.support.testapps.CompatServlets;

/**
 * Starts a compatibility app (a class in {@code testapps}) in a forked JVM with only its server's jars beside the
 * test classes: never the demo jar, whose shaded Jetty and servlet API would shadow the server under test.
 */
public final class CompatApps {

    /** Jars of the test class path the compatibility apps need, by file-name prefix. */
    private static final List<String> JARS = List.of("tomcat-embed-core-", "tomcat-annotations-api-", "HikariCP-",
        "slf4j-api-", "h2-");

    private CompatApps() {
    }

    public static JvmCommand command(Path workDir, Class<?> main) {
        return JvmCommand.mainClass(workDir, classPath(), main.getName());
    }

    static List<Path> classPath() {
        List<Path> path = new ArrayList<>();
        try {
            path.add(Path.of(CompatServlets.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (JARS.stream().anyMatch(name::startsWith)) {
                path.add(Path.of(entry));
            }
        }
        return path;
    }

    /** The OpenTelemetry Java agent jar, which the pom puts on the test class path only to have Maven fetch it. */
    public static Path openTelemetryAgent() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith("opentelemetry-javaagent-")) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException("opentelemetry-javaagent is not on the test class path");
    }

    /**
     * A JDK with virtual threads (21+): {@code -Dbulwark.it.jdk21=HOME}, the tests' own JDK when new enough, else
     * the newest under /usr/lib/jvm. Empty when there is none, and the virtual-thread tests are skipped.
     */
    public static Optional<Path> jdkWithVirtualThreads() {
        String named = System.getProperty("bulwark.it.jdk21");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        if (Runtime.version().feature() >= 21) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")) && feature(home) >= 21)
                .max((a, b) -> Integer.compare(feature(a), feature(b)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int feature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a JDK we can read
        }
        return 0;
    }
}
