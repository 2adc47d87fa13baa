package io.bulwark.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line of a forked JVM: {@code java [-javaagent:AGENT[=ARGS]] [JVM args] (-jar JAR | -cp CP MAIN)
 * [args]}, run in a chosen working directory (where the agent looks for its policy and writes its log).
 */
public final class JvmCommand {

    private final Path workingDirectory;
    private final List<String> target;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private String agent;
    private Path javaHome = Path.of(System.getProperty("java.home"));

    private JvmCommand(Path workingDirectory, List<String> target) {
        this.workingDirectory = workingDirectory;
        this.target = target;
    }

    /** The demo jar with {@code --port 0}. */
    public static JvmCommand demo(Path workingDirectory) {
        return jar(workingDirectory, TestJars.demo()).args("--port", "0");
    }

    public static JvmCommand jar(Path workingDirectory, Path jar) {
        return new JvmCommand(workingDirectory, List.of("-jar", jar.toString()));
    }

    public static JvmCommand mainClass(Path workingDirectory, List<Path> classPath, String mainClass) {
        String cp = classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        return new JvmCommand(workingDirectory, List.of("-cp", cp, mainClass));
    }

    /** Adds {@code -javaagent:} with the built agent jar and no arguments. */
    public JvmCommand withAgent() {
        agent = "-javaagent:" + TestJars.agent();
        return this;
    }

    /** Adds {@code -javaagent:AGENT=ARGS}, e.g. {@code policy=/path/to/policy.json}. */
    public JvmCommand withAgent(String agentArgs) {
        agent = "-javaagent:" + TestJars.agent() + "=" + agentArgs;
        return this;
    }

    /** Runs the child on another JDK than the tests' own (e.g. a JDK 21+ for virtual threads). */
    public JvmCommand javaHome(Path home) {
        javaHome = home;
        return this;
    }

    public JvmCommand jvmArgs(String... more) {
        jvmArgs.addAll(List.of(more));
        return this;
    }

    public JvmCommand args(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    List<String> commandLine() {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        // Small heaps: several of these JVMs may run at once on a shared machine.
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        if (agent != null) {
            command.add(agent);
        }
        command.addAll(jvmArgs);
        command.addAll(target);
        command.addAll(args);
        return command;
    }

    /** Starts the JVM; its output is captured from the first byte. */
    public ForkedJvm start() {
        ProcessBuilder builder = new ProcessBuilder(commandLine()).directory(workingDirectory.toFile());
        // The child must not inherit an agent or options meant for the test JVM.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        try {
            return new ForkedJvm(builder.start(), String.join(" ", commandLine()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + commandLine(), e);
        }
    }

    @Override
    public String toString() {
        return String.join(" ", commandLine());
    }
}
