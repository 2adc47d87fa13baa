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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the Debian {@code sqlmap} non-interactively against one target and reads its verdict. Every run starts from
 * nothing ({@code --flush-session}, a fresh output directory): sqlmap keys its session by host and path and would
 * otherwise resume an earlier finding instead of testing. The traffic file ({@code -t}) counts what it sent.
 */
public final class Sqlmap {

    private static final Path DEBIAN_PATH = Path.of("/usr/bin/sqlmap");
    private static final Pattern REQUEST = Pattern.compile("^HTTP request \\[#\\d+\\]", Pattern.MULTILINE);
    private static final Pattern FORBIDDEN = Pattern.compile("^HTTP response \\[#\\d+\\] \\(403\\b", Pattern.MULTILINE);

    /** What one run concluded, and how much it tried. */
    public record Run(boolean foundInjection, boolean foundNone, int requests, int forbidden, Duration wallTime,
            boolean timedOut, Path log) {

        /** The lines a reader needs: the verdict and the injection points, not the banner. */
        public String verdict() {
            try {
                return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains("injectable") || l.contains("Parameter:") || l.contains("Type:")
                        || l.contains("CRITICAL") || l.contains("ERROR"))
                    .reduce((a, b) -> a + "\n" + b).orElse("(no verdict in " + log + ")");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Path executable;

    private Sqlmap(Path executable) {
        this.executable = executable;
    }

    /** The installed sqlmap ({@code .ci/run} installs the Debian package), or empty. */
    public static Optional<Sqlmap> installed() {
        if (Files.isExecutable(DEBIAN_PATH)) {
            return Optional.of(new Sqlmap(DEBIAN_PATH));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "sqlmap");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(new Sqlmap(candidate));
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code sqlmap TARGET_ARGS --batch --level 3 --risk 2 --time-sec 1 --flush-session ...} in a fresh
     * {@code workDir}, killed (with its children) after {@code timeout}.
     */
    public Run run(List<String> targetArgs, Path workDir, Duration timeout) {
        Path outputDir = workDir.resolve("output");
        Path traffic = workDir.resolve("traffic.txt");
        Path log = workDir.resolve("sqlmap.log");
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(targetArgs);
        command.addAll(List.of("--batch", "--level", "3", "--risk", "2", "--time-sec", "1", "--flush-session",
            "--output-dir", outputDir.toString(), "--disable-coloring", "-t", traffic.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // Without a terminal type sqlmap still emits screen-control sequences into its log.
        builder.environment().put("TERM", "dumb");
        long start = System.nanoTime();
        boolean timedOut;
        try {
            Files.createDirectories(outputDir);
            Process process = builder.start();
            timedOut = !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (timedOut) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        String output = read(log);
        String sent = read(traffic);
        return new Run(output.contains("sqlmap identified the following injection point"),
            output.contains("all tested parameters do not appear to be injectable"),
            count(REQUEST, sent), count(FORBIDDEN, sent), wall, timedOut, log);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
