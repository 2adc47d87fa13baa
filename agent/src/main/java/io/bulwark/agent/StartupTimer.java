package io.bulwark.agent;

/**
 * {@code -Dbulwark.debug.startup}: prints when each start-up step ended, in milliseconds since the JVM started, and
 * how long it took, so a start-up regression can be placed without a profiler. Off by default; then each mark costs
 * one boolean check.
 */
public final class StartupTimer {

    /** Set, empty or "true" (a bare {@code -Dbulwark.debug.startup} is empty): on; anything else, off. */
    public static final boolean ON = on(System.getProperty("bulwark.debug.startup"));

    private static final long JVM_START_MILLIS = ON ? jvmStartMillis() : 0L;

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
            System.err.println(line(step, tookMicros, System.currentTimeMillis() - JVM_START_MILLIS,
                    Thread.currentThread().getName(), cpu));
        }
    }

    /**
     * One mark's line. Not printf: its Formatter loads regex, floating-point formatting and locale data on the
     * marking thread, some 30 ms of CPU in premain that a run without the flag never spends, charged to whichever
     * step came next.
     */
    static String line(String step, long tookMicros, long atMillis, String thread, long cpuMillis) {
        StringBuilder line = new StringBuilder(128).append("[bulwark] startup: ").append(step);
        for (int pad = step.length(); pad < 40; pad++) {
            line.append(' ');
        }
        String took = (tookMicros / 1000) + "." + (tookMicros % 1000) / 100;
        for (int pad = took.length(); pad < 7; pad++) {
            line.append(' ');
        }
        line.append(took).append(" ms  (at ").append(atMillis).append(" ms, thread ").append(thread);
        if (cpuMillis >= 0) {
            line.append(", its cpu so far ").append(cpuMillis).append(" ms");
        }
        return line.append(')').toString();
    }

    /**
     * When this JVM started, from Linux's process table (boot time plus the process's start in clock ticks, taken to
     * be the usual 100 per second), or now elsewhere. Not {@code ProcessHandle}: its class starts a thread pool, so
     * the JDK's executor classes would load in premain and need retransforming, a cost only this timer would cause.
     */
    static long jvmStartMillis() {
        try {
            String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/stat")),
                    java.nio.charset.StandardCharsets.US_ASCII);
            String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(afterName[19]); // field 22 of the whole line
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat"))) {
                if (line.startsWith("btime ")) {
                    return Long.parseLong(line.substring(6).trim()) * 1000 + startTicks * 10;
                }
            }
        } catch (java.io.IOException | RuntimeException unavailable) {
            // not Linux: marks count from the agent's start instead
        }
        return System.currentTimeMillis();
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
