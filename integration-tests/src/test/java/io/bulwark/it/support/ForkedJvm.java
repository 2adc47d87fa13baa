package io.bulwark.it.support;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A running child JVM with its stdout and stderr captured in memory. Closing it kills the whole process tree (the
 * demo starts shells), first politely so that the agent can flush its log, then by force.
 */
public final class ForkedJvm implements AutoCloseable {

    private final Process process;
    private final String commandLine;
    private final CapturedStream stdout;
    private final CapturedStream stderr;

    ForkedJvm(Process process, String commandLine) {
        this.process = process;
        this.commandLine = commandLine;
        this.stdout = new CapturedStream("stdout", process.getInputStream());
        this.stderr = new CapturedStream("stderr", process.getErrorStream());
        try {
            // Nothing reads stdin; closing it means a child that tries gets EOF instead of hanging.
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already gone: the streams still hold whatever it printed.
        }
    }

    public List<String> stdoutLines() {
        return stdout.lines();
    }

    public List<String> stderrLines() {
        return stderr.lines();
    }

    public String stdout() {
        return stdout.text();
    }

    public String stderr() {
        return stderr.text();
    }

    /** For tools that address the JVM by process id, such as the agent's {@code attach} command. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The first stdout line matching, waiting up to the timeout; empty if none came or the JVM ended first. */
    public Optional<String> awaitStdoutLine(Predicate<String> matching, Duration timeout) {
        return stdout.awaitLine(matching, timeout);
    }

    public Optional<String> awaitStderrLine(Predicate<String> matching, Duration timeout) {
        return stderr.awaitLine(matching, timeout);
    }

    /** The exit code if the JVM ends within the timeout (its output then fully read), else empty. */
    public OptionalInt awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return OptionalInt.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
        stdout.awaitEnd(Duration.ofSeconds(5));
        stderr.awaitEnd(Duration.ofSeconds(5));
        return OptionalInt.of(process.exitValue());
    }

    /** Everything needed to understand a failure: the command and both streams. */
    public String describe() {
        return commandLine + "\n--- stdout ---\n" + stdout() + "\n--- stderr ---\n" + stderr();
    }

    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        stdout.awaitEnd(Duration.ofSeconds(2));
        stderr.awaitEnd(Duration.ofSeconds(2));
    }
}
