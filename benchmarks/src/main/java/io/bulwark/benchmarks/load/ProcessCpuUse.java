package io.bulwark.benchmarks.load;

/** CPU a process used over an interval, in clock ticks: in all, and of that on JIT compiler and GC threads. */
record ProcessCpuUse(long totalTicks, long jitTicks, long gcTicks) {
}
