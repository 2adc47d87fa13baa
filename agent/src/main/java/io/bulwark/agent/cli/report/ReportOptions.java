package io.bulwark.agent.cli.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code report} command line: {@code [--json] [--html OUT.html] [--top N] [--latest N] LOGFILE...}. */
record ReportOptions(List<Path> files, boolean json, Path html, int top, int latest) {
    static final int DEFAULT_TOP = 10;
    static final int DEFAULT_LATEST = 20;
    static final int MAX_TOP = 1000;
    static final int MAX_LATEST = 1000;

    /** Thrown for a command line that cannot be run; its message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static ReportOptions parse(List<String> args) throws UsageException {
        List<Path> files = new ArrayList<>();
        boolean json = false;
        Path html = null;
        int top = DEFAULT_TOP;
        int latest = DEFAULT_LATEST;
        boolean onlyFiles = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyFiles || !arg.startsWith("--")) {
                files.add(Path.of(arg));
                continue;
            }
            switch (arg) {
                case "--" -> onlyFiles = true;
                case "--json" -> json = true;
                case "--html" -> html = Path.of(value(args, ++i, arg));
                case "--top" -> top = number(value(args, ++i, arg), arg, MAX_TOP);
                case "--latest" -> latest = number(value(args, ++i, arg), arg, MAX_LATEST);
                default -> throw new UsageException("unknown option " + arg);
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("needs at least one log file");
        }
        return new ReportOptions(List.copyOf(files), json, html, top, latest);
    }

    private static String value(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int number(String text, String option, int max) throws UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new UsageException(option + " takes a whole number from 0 to " + max + ", not '" + text + "'");
    }
}
