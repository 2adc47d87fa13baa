package io.bulwark.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The built artifacts the tests run, located through the system properties failsafe sets. */
public final class TestJars {

    private TestJars() {
    }

    public static Path agent() {
        return existing("bulwark.agent.jar");
    }

    public static Path demo() {
        return existing("bulwark.demo.jar");
    }

    /** integration-tests/demo/bulwark-policy.json, the policy a user of the demo starts from. */
    public static Path demoPolicy() {
        return existing("bulwark.demo.policy");
    }

    /** The Spring Boot 3 compatibility app, repackaged as Boot's runnable jar (compat-apps/spring-boot-app). */
    public static Path springBootApp() {
        return existing("bulwark.compat.boot.jar");
    }

    /** The javax.servlet compatibility app on Jetty 12 ee8, shaded into one runnable jar (compat-apps/javax-app). */
    public static Path javaxApp() {
        return existing("bulwark.compat.javax.jar");
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set: run through failsafe"
                + " (mvn -pl integration-tests -am verify)");
        }
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(property + " points to " + path + ", which does not exist: build first");
        }
        return path;
    }
}
