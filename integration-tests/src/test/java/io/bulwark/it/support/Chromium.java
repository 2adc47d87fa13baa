package io.bulwark.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Debian {@code chromium}, to open a page the way a reader's browser does and read back the DOM it built.
 * When it is missing and the tests run as root, {@link #require()} installs it with
 * {@value #INSTALL_COMMAND} (the same command {@code .ci/run} runs); when that is impossible the test fails with
 * that command in the message rather than passing without having looked.
 */
public final class Chromium {

    public static final String INSTALL_COMMAND = "apt-get install -y chromium";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    private final Path executable;

    private Chromium(Path executable) {
        this.executable = executable;
    }

    /** The installed chromium, installing it first when missing; throws, saying how to install it, if it cannot. */
    public static Chromium require() {
        Optional<Chromium> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        String why = install();
        return find().orElseThrow(() -> new IllegalStateException(
            "headless Chromium is needed to check the HTML report and could not be installed (" + why
                + "); install it with: " + INSTALL_COMMAND));
    }

    /** The DOM after the page has been parsed and laid out, as Chromium serialises it. */
    public String dumpDom(Path page, Path workDir) {
        Path out = workDir.resolve("dom.html");
        run(workDir, out, List.of("--dump-dom", page.toUri().toString()));
        return read(out);
    }

    /** A PNG of the page at the given window size. */
    public Path screenshot(Path page, Path png, int width, int height, Path workDir) {
        run(workDir, workDir.resolve("screenshot.log"), List.of("--window-size=" + width + "," + height,
            "--screenshot=" + png, page.toUri().toString()));
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("chromium wrote no screenshot:\n" + read(workDir.resolve("screenshot.log")));
        }
        return png;
    }

    private void run(Path workDir, Path stdout, List<String> args) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--disable-gpu",
            // Tests run as root in containers, where Chromium's sandbox cannot start.
            "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--user-data-dir=" + workDir.resolve("chromium-profile")));
        command.addAll(args);
        Path stderr = workDir.resolve("chromium-stderr.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        int exit = await(builder, RUN_TIMEOUT, String.join(" ", command));
        if (exit != 0) {
            throw new IllegalStateException("chromium exited with " + exit + ": " + command + "\n" + read(stderr));
        }
    }

    private static Optional<Chromium> find() {
        for (String name : List.of("chromium", "chromium-browser")) {
            Path debian = Path.of("/usr/bin", name);
            if (Files.isExecutable(debian)) {
                return Optional.of(new Chromium(debian));
            }
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(new Chromium(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /** Runs apt-get (waiting for another apt's lock rather than failing on it); returns why it did not work. */
    private static String install() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not root";
        }
        List<String> lockWait = List.of("-o", "DPkg::Lock::Timeout=300");
        List<String> update = new ArrayList<>(List.of("apt-get", "update", "-qq"));
        update.addAll(lockWait);
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq"));
        install.addAll(lockWait);
        install.add("chromium");
        try {
            Path log = Files.createTempFile("apt-chromium", ".log");
            for (List<String> step : List.of(update, install)) {
                ProcessBuilder builder = new ProcessBuilder(step).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
                int exit = await(builder, INSTALL_TIMEOUT, String.join(" ", step));
                if (exit != 0) {
                    return String.join(" ", step) + " exited with " + exit + ": " + read(log);
                }
            }
            return "apt-get succeeded but no chromium executable was found";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int await(ProcessBuilder builder, Duration timeout, String what) {
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(what + " did not finish within " + timeout);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + what, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
