package io.bulwark.benchmarks.load;

/**
 * Parses the Linux {@code /proc} lines that CPU accounting needs. Times are in clock ticks ({@code getconf CLK_TCK},
 * 100 on every mainstream Linux ABI); the caller converts.
 */
final class ProcStat {

    /** Fields of a {@code stat} line counted from the one after the command name: state is 0, utime 11, stime 12. */
    private static final int UTIME_AFTER_NAME = 11;

    private ProcStat() {
    }

    /**
     * User plus system ticks from a {@code /proc/PID/stat} or {@code /proc/PID/task/TID/stat} line. For a process the
     * kernel includes its threads that have already ended, which a sum over the live tasks would miss.
     */
    static long cpuTicks(String statLine) {
        String[] fields = afterName(statLine).split(" ");
        if (fields.length <= UTIME_AFTER_NAME + 1) {
            throw new IllegalArgumentException("not a /proc stat line: " + statLine);
        }
        return Long.parseLong(fields[UTIME_AFTER_NAME]) + Long.parseLong(fields[UTIME_AFTER_NAME + 1]);
    }

    /**
     * The thread's name (the kernel's 15-character {@code comm}). It sits in parentheses and may itself contain
     * spaces and parentheses ({@code C2 CompilerThre}), so it ends at the last closing parenthesis.
     */
    static String name(String statLine) {
        int open = statLine.indexOf('(');
        int close = statLine.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc stat line: " + statLine);
        }
        return statLine.substring(open + 1, close);
    }

    /**
     * Busy ticks of the whole machine from {@code /proc/stat}'s aggregate {@code cpu} line: everything but idle and
     * iowait. Steal (the hypervisor running another VM on our core) counts as busy: the core was not ours to use.
     * Guest time is already inside user time, so it is not added again.
     */
    static long machineBusyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split(" +");
        if (!f[0].equals("cpu") || f.length < 9) {
            throw new IllegalArgumentException("not /proc/stat's cpu line: " + cpuLine);
        }
        long busy = 0;
        for (int i = 1; i <= 8; i++) {
            if (i != 4 && i != 5) { // idle, iowait
                busy += Long.parseLong(f[i]);
            }
        }
        return busy;
    }

    private static String afterName(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0 || close + 2 > statLine.length()) {
            throw new IllegalArgumentException("not a /proc stat line: " + statLine);
        }
        return statLine.substring(close + 2).trim();
    }
}
