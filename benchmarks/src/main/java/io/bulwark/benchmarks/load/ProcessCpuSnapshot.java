package io.bulwark.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One moment's CPU account of a process, in clock ticks: its total (threads that ended included), and its JIT and
 * GC threads one by one. Per thread, so that a compiler thread the JVM starts or stops between two snapshots neither
 * hides nor invents time; the maps hold only those service threads, a few dozen at most.
 */
record ProcessCpuSnapshot(long totalTicks, Map<Long, Long> jitTicks, Map<Long, Long> gcTicks) {

    /** The total only: enough for the load generator itself. */
    static ProcessCpuSnapshot total(long pid) throws IOException {
        return new ProcessCpuSnapshot(ProcStat.cpuTicks(read(Path.of("/proc", Long.toString(pid), "stat"))),
                Map.of(), Map.of());
    }

    static ProcessCpuSnapshot withServiceThreads(long pid) throws IOException {
        Path process = Path.of("/proc", Long.toString(pid));
        Map<Long, Long> jit = new HashMap<>();
        Map<Long, Long> gc = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path task : tasks) {
                String line;
                try {
                    line = read(task.resolve("stat"));
                } catch (NoSuchFileException ended) {
                    continue; // the thread ended between the listing and the read
                }
                JvmThreadKind kind = JvmThreadKind.of(ProcStat.name(line));
                if (kind != JvmThreadKind.OTHER) {
                    (kind == JvmThreadKind.JIT ? jit : gc)
                            .put(Long.parseLong(task.getFileName().toString()), ProcStat.cpuTicks(line));
                }
            }
        }
        // the total last: read before the threads, it could be smaller than their sum
        long total = ProcStat.cpuTicks(read(process.resolve("stat")));
        return new ProcessCpuSnapshot(total, Map.copyOf(jit), Map.copyOf(gc));
    }

    /** What the process used from {@code earlier} to this snapshot. */
    ProcessCpuUse since(ProcessCpuSnapshot earlier) {
        return new ProcessCpuUse(totalTicks - earlier.totalTicks, used(jitTicks, earlier.jitTicks),
                used(gcTicks, earlier.gcTicks));
    }

    /** A thread seen only now started within the interval; one seen only earlier ended and its last ticks are lost. */
    private static long used(Map<Long, Long> now, Map<Long, Long> earlier) {
        long sum = 0;
        for (var thread : now.entrySet()) {
            sum += Math.max(0, thread.getValue() - earlier.getOrDefault(thread.getKey(), 0L));
        }
        return sum;
    }

    /** Latin-1: the kernel cuts a thread's name at 15 bytes, possibly inside a UTF-8 character. */
    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).trim();
    }
}
