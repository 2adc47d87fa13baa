package io.bulwark.benchmarks.load;

/**
 * Which HotSpot service a thread belongs to, from its kernel name (truncated to 15 characters). The split says how
 * much of a request's CPU was spent on the request itself and how much on compiling code or collecting garbage it
 * made: an agent that adds little work per request can still add JIT and GC time.
 */
enum JvmThreadKind {
    /** {@code C1 CompilerThre}, {@code C2 CompilerThre}, Graal's {@code JVMCI CompilerT}. */
    JIT,
    /** {@code GC Thread#N} (parallel pause workers), {@code G1 Conc#N}, {@code G1 Refine#N}, {@code G1 Main Marker}. */
    GC,
    /** Everything else: the server's own threads, and the VM thread, which does more than coordinate pauses. */
    OTHER;

    static JvmThreadKind of(String threadName) {
        if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")
                || threadName.startsWith("JVMCI")) {
            return JIT;
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return GC;
        }
        return OTHER;
    }
}
