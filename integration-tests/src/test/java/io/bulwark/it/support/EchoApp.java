package io.bulwark.it.support;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import io.bulwark.it.support.testapps.IdentityEchoApp;

/** Starts {@link IdentityEchoApp} under the agent, in a forked JVM whose working directory holds the policy. */
public final class EchoApp {

    private EchoApp() {
    }

    public static DemoProcess start(Path workDir, String... jvmArgs) {
        return start(workDir, IdentityEchoApp.class, jvmArgs);
    }

    /** Another test app of {@code testapps}, on the same class path. */
    public static DemoProcess start(Path workDir, Class<?> app, String... jvmArgs) {
        return DemoProcess.start(JvmCommand.mainClass(workDir, classPath(), app.getName())
            .withAgent().jvmArgs(jvmArgs));
    }

    /** The test classes (for the app) and the demo jar (for Jetty and Jackson, shaded into it). */
    private static List<Path> classPath() {
        try {
            return List.of(Path.of(IdentityEchoApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                TestJars.demo());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
