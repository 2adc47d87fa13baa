package io.bulwark.agent;

import java.time.Instant;

/**
 * {@code -Dbulwark.debug.startup}: prints when each start-up step ended, in milliseconds since the JVM started, and
 * how long it took, so a start-up regression can be placed without a profiler. Off by default; then each mark costs
 * one boolean check.
 */
public final class StartupTimer {

    /** Set, empty or "true" (a bare {@code -Dbulwark.debug.startup} is empty): on; anything else, off. */
    public static final boolean ON = on(System.getProperty("bulwark.debug.startup"));

    private static final long JVM_START_MILLIS = ON
            ? ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L) : 0L;

    private StartupTimer() {
    }

    static boolean on(String property) {
        return property != null && (property.isEmpty() || property.equalsIgnoreCase("true"));
    }

    /** Now, for a later {@link #mark}; 0 when off. */
    public static long start() {
        return ON ? System.nanoTime() : 0L;
    }

    /** Reports that {@code step}, begun at {@code startedNanos}, has ended. */
    public static void mark(String step, long startedNanos) {
        if (ON) {
            long tookMicros = (System.nanoTime() - startedNanos) / 1_000;
            System.err.printf("[bulwark] startup: %-40s %6.1f ms  (at %d ms, thread %s)%n", step, tookMicros / 1000.0,
                    System.currentTimeMillis() - JVM_START_MILLIS, Thread.currentThread().getName());
        }
    }
}
