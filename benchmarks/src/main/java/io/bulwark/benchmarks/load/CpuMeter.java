package io.bulwark.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures one phase of a load run: the server's CPU (and its JIT and GC threads'), this generator's own, and the
 * whole machine's, between {@link #start} and {@link #stop}. The generator calls it itself because only it knows
 * where the measured phase begins (after its warm-up, on its own schedule) and ends (the last answer).
 */
final class CpuMeter {

    private final long serverPid;
    private final long ticksPerSecond;
    private final long startNanos;
    private final ProcessCpuSnapshot server;
    private final ProcessCpuSnapshot generator;
    private final long machineBusy;

    private CpuMeter(long serverPid, long ticksPerSecond) throws IOException {
        this.serverPid = serverPid;
        this.ticksPerSecond = ticksPerSecond;
        this.server = ProcessCpuSnapshot.withServiceThreads(serverPid);
        this.generator = ProcessCpuSnapshot.total(ProcessHandle.current().pid());
        this.machineBusy = machineBusyTicks();
        this.startNanos = System.nanoTime();
    }

    static CpuMeter start(long serverPid, long ticksPerSecond) throws IOException {
        return new CpuMeter(serverPid, ticksPerSecond);
    }

    PhaseCpu stop() throws IOException {
        long wall = System.nanoTime() - startNanos;
        ProcessCpuUse serverUse = ProcessCpuSnapshot.withServiceThreads(serverPid).since(server);
        long generatorUse = ProcessCpuSnapshot.total(ProcessHandle.current().pid()).since(generator).totalTicks();
        return new PhaseCpu(serverUse, generatorUse, machineBusyTicks() - machineBusy, wall, ticksPerSecond);
    }

    private static long machineBusyTicks() throws IOException {
        try (var lines = Files.lines(Path.of("/proc/stat"), StandardCharsets.ISO_8859_1)) {
            return ProcStat.machineBusyTicks(lines.findFirst().orElseThrow(() -> new IOException("empty /proc/stat")));
        }
    }
}
