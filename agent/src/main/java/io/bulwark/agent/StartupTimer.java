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
            long cpu = threadCpuMillis();
            System.err.printf("[bulwark] startup: %-40s %6.1f ms  (at %d ms, thread %s%s)%n", step, tookMicros / 1000.0,
                    System.currentTimeMillis() - JVM_START_MILLIS, Thread.currentThread().getName(),
                    cpu < 0 ? "" : ", its cpu so far " + cpu + " ms");
        }
    }

    /**
     * CPU time this thread has used, from Linux's per-thread scheduler statistics, or -1 elsewhere. On a busy machine
     * a step's wall time is mostly waiting for a core; the difference of two marks' CPU on one thread is its cost.
     * Plain file reading: no JMX (its thread bean) and no NIO in premain.
     */
    static long threadCpuMillis() {
        try (java.io.FileInputStream in = new java.io.FileInputStream("/proc/thread-self/schedstat")) {
            String text = new String(in.readNBytes(64), java.nio.charset.StandardCharsets.US_ASCII);
            int space = text.indexOf(' ');
            return Long.parseLong(space < 0 ? text.trim() : text.substring(0, space)) / 1_000_000;
        } catch (java.io.IOException | RuntimeException unavailable) {
            return -1;
        }
    }
}
