package io.bulwark.agent;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's own voice on stderr: the banner, configuration problems, and its own failures. The app's output
 * must stay the app's, so anything repeated (an advice error on every request) is said once per kind, then only
 * counted; the counts are reported at shutdown.
 */
public final class Diagnostics {

    public static final String PREFIX = "[bulwark] ";

    /** Bounded: kinds are the code's own labels ("jdbc", "servlet entry", ...), not input. */
    private static final int MAX_KINDS = 64;

    private final PrintStream err;
    private final ConcurrentHashMap<String, AtomicLong> errorCounts = new ConcurrentHashMap<>();

    public Diagnostics(PrintStream err) {
        this.err = err;
    }

    public void say(String line) {
        err.println(PREFIX + line);
    }

    /** An unexpected failure inside the agent: the first of each kind is printed, later ones counted. */
    public void error(String where, Throwable error) {
        AtomicLong count = errorCounts.get(where);
        if (count == null) {
            if (errorCounts.size() >= MAX_KINDS) {
                return;
            }
            count = errorCounts.computeIfAbsent(where, k -> new AtomicLong());
        }
        if (count.getAndIncrement() == 0) {
            say("internal error in " + where + " (the app's call went on; further ones are counted): " + describe(error));
        }
    }

    public long errorCount() {
        return errorCounts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public void reportCounts() {
        errorCounts.forEach((where, count) -> {
            if (count.get() > 1) {
                say(count.get() + " internal errors in " + where);
            }
        });
    }

    static String describe(Throwable error) {
        StackTraceElement[] trace = error.getStackTrace();
        return error + (trace.length > 0 ? " at " + trace[0] : "");
    }
}
