package io.bulwark.agent;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the policy comes from, first found wins (DESIGN.md): the agent argument {@code policy=PATH}, the system
 * property {@code bulwark.policy}, {@code bulwark-policy.json} in the working directory, then beside the
 * application jar (the {@code -jar} file or the first class-path entry). None: the built-in default.
 */
final class PolicyDiscovery {

    static final String FILE_NAME = "bulwark-policy.json";
    static final String PROPERTY = "bulwark.policy";

    /** A named file that is missing is an error, not a fall-through: the operator asked for that file. */
    record Found(Path file, String how, boolean explicit) {
    }

    private PolicyDiscovery() {
    }

    static Found find(AgentArgs args, Properties system, Path workingDir) {
        if (args.policy() != null) {
            return new Found(workingDir.resolve(args.policy()).normalize(), "agent argument policy=", true);
        }
        String property = system.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return new Found(workingDir.resolve(property.trim()).normalize(), "system property " + PROPERTY, true);
        }
        Path inWorkingDir = workingDir.resolve(FILE_NAME);
        if (Files.isRegularFile(inWorkingDir)) {
            return new Found(inWorkingDir.normalize(), "working directory", false);
        }
        Path app = applicationJar(system);
        if (app != null) {
            Path parent = workingDir.resolve(app).toAbsolutePath().normalize().getParent();
            if (parent != null && Files.isRegularFile(parent.resolve(FILE_NAME))) {
                return new Found(parent.resolve(FILE_NAME), "beside " + app.getFileName(), false);
            }
        }
        return null;
    }

    /** The {@code -jar} file if the JVM was started with one, else the first class-path entry. */
    static Path applicationJar(Properties system) {
        String command = system.getProperty("sun.java.command", "");
        String first = command.isBlank() ? "" : command.trim().split("\\s+")[0];
        if (first.endsWith(".jar")) {
            return Path.of(first);
        }
        String classPath = system.getProperty("java.class.path", "");
        String entry = classPath.split(File.pathSeparator)[0];
        return entry.isBlank() ? null : Path.of(entry);
    }
}
