package io.bulwark.it.support;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo API in a forked JVM, started and ready: its port read from the first stdout line
 * ({@code Demo listening on http://127.0.0.1:PORT}). Closing it kills the process tree.
 *
 * <pre>{@code
 * try (DemoProcess demo = DemoProcess.start(JvmCommand.demo(workDir).withAgent())) {
 *     HttpResponse<String> r = demo.http().get("/health");
 * }
 * }</pre>
 */
public final class DemoProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Demo listening on (http://127\\.0\\.0\\.1:(\\d+))");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final ForkedJvm jvm;
    private final Path workingDirectory;
    private final URI baseUri;
    private final Http http;

    private DemoProcess(ForkedJvm jvm, Path workingDirectory, URI baseUri) {
        this.jvm = jvm;
        this.workingDirectory = workingDirectory;
        this.baseUri = baseUri;
        this.http = new Http(baseUri);
    }

    /** Starts the command and waits until the demo listens; throws, with the child's output, if it never does. */
    public static DemoProcess start(JvmCommand command) {
        ForkedJvm jvm = command.start();
        Optional<String> line = jvm.awaitStdoutLine(l -> LISTENING.matcher(l).find(), STARTUP_TIMEOUT);
        if (line.isEmpty()) {
            // Its stdout ended or time ran out; a JVM that died is reaped within moments, a hung one is not.
            OptionalInt exit = jvm.awaitExit(Duration.ofSeconds(5));
            String why = exit.isPresent() ? "exited with code " + exit.getAsInt() + " before listening"
                : "did not start listening within " + STARTUP_TIMEOUT;
            jvm.close();
            throw new IllegalStateException("the demo " + why + "\n" + jvm.describe());
        }
        Matcher matcher = LISTENING.matcher(line.get());
        matcher.find();
        return new DemoProcess(jvm, command.workingDirectory(), URI.create(matcher.group(1)));
    }

    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    public Http http() {
        return http;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /** The agent's default attack log in the working directory. */
    public AttackLog attackLog() {
        return new AttackLog(workingDirectory.resolve("bulwark-attacks.jsonl"));
    }

    public ForkedJvm jvm() {
        return jvm;
    }

    public List<String> stdoutLines() {
        return jvm.stdoutLines();
    }

    public List<String> stderrLines() {
        return jvm.stderrLines();
    }

    @Override
    public void close() {
        jvm.close();
    }
}
