package io.bulwark.agent.cli.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code java -jar bulwark-agent.jar report [--json] [--html OUT.html] [--top N] [--latest N] LOGFILE...}: reads
 * attack logs (live, rotated, gzip) in one pass and prints what they hold. Exit status 0 when every file was read,
 * 1 when one could not be (named on stderr; nothing is printed then, since a partial report would mislead), and 2
 * for a wrong command line.
 */
public final class ReportCommand {
    public static final int OK = 0;
    public static final int UNREADABLE = 1;
    public static final int USAGE = 2;

    /** For the CLI's own usage text. */
    public static final String SYNOPSIS =
            "report [--json] [--html OUT.html] [--top N] [--latest N] LOGFILE...";

    private final PrintStream out;
    private final PrintStream err;

    public ReportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs with the arguments after {@code report}; returns the exit status. */
    public int run(String[] args) {
        if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            help(out);
            return OK;
        }
        ReportOptions options;
        try {
            options = ReportOptions.parse(Arrays.asList(args));
        } catch (ReportOptions.UsageException e) {
            err.println("report: " + e.getMessage());
            help(err);
            return USAGE;
        }
        // Every file is checked before any is read: a typo in the last name should not cost a pass over the rest.
        for (Path file : options.files()) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                err.println("report: cannot read " + file + ": "
                        + (Files.isDirectory(file) ? "a directory" : Files.exists(file) ? "permission denied"
                        : "no such file"));
                return UNREADABLE;
            }
        }
        LogSummary summary = new LogSummary(options.latest());
        LogReader reader = new LogReader();
        Set<Path> seen = new HashSet<>();
        for (Path file : options.files()) {
            if (!seen.add(realPath(file))) {
                // `report bulwark-attacks.jsonl*` plus the live file again: count each file once.
                continue;
            }
            try {
                reader.read(file, summary);
            } catch (IOException e) {
                err.println("report: cannot read " + file + ": " + describe(e));
                return UNREADABLE;
            }
        }
        if (options.html() != null) {
            try {
                Files.writeString(options.html(), new HtmlReport(summary, options.top()).render(),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("report: cannot write " + options.html() + ": " + describe(e));
                return UNREADABLE;
            }
            err.println("report: wrote " + options.html());
        }
        try {
            if (options.json()) {
                new JsonReport(summary, options.top()).write(out);
            } else {
                new TextReport(summary, options.top()).print(out);
            }
        } catch (IOException e) {
            err.println("report: cannot write the summary: " + describe(e));
            return UNREADABLE;
        }
        out.flush();
        return OK;
    }

    static void help(PrintStream to) {
        to.println("usage: java -jar bulwark-agent.jar " + SYNOPSIS);
        to.println("Summarises attack logs: attacks by type (blocked, monitored), top sources, top routes, a");
        to.println("timeline and the latest attacks. Reads plain, rotated (.1, .2 ...) and gzip files (by content);");
        to.println("lines that are not Bulwark events are counted and skipped. 'requests' weighs a rate-limit");
        to.println("line by the refusals it folds (bulwark.count); every other column counts log lines.");
        to.println("  --json          print the summary as JSON instead of text");
        to.println("  --html OUT      also write a self-contained HTML page with charts to OUT");
        to.println("  --top N         rows in the top sources and routes (default " + ReportOptions.DEFAULT_TOP + ")");
        to.println("  --latest N      latest attacks listed (default " + ReportOptions.DEFAULT_LATEST + ")");
        to.println("Example: java -jar bulwark-agent.jar report --html report.html bulwark-attacks.jsonl*");
        to.println("Exit status: 0 done, 1 a file could not be read or written, 2 wrong command line.");
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static String describe(IOException e) {
        String what = e.getClass().getSimpleName();
        return e.getMessage() == null ? what : what + ": " + e.getMessage();
    }
}
