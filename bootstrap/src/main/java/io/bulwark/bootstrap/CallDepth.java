package io.bulwark.bootstrap;

/**
 * Per-thread nesting counters. {@link #SQL} makes only the outermost JDBC call of a thread a sink (pool proxies
 * and a driver's own statements nest inside it); {@link #AGENT} is raised while the agent itself works, so its
 * own JDBC, Redis or process use is never checked.
 */
public final class CallDepth {
    public static final CallDepth SQL = new CallDepth();
    public static final CallDepth AGENT = new CallDepth();
    /** Request body reads: a stream's read() often calls its own read(byte[], int, int); count bytes once. */
    public static final CallDepth BODY = new CallDepth();
    /** {@code ResultSet.next()}: a pool's wrapper delegates to the driver's; count each row once. */
    public static final CallDepth ROWS = new CallDepth();
    /** Response writes: {@code write(byte[])} often calls {@code write(byte[], int, int)}; count bytes once. */
    public static final CallDepth RESPONSE = new CallDepth();

    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    private CallDepth() {
    }

    public int increment() {
        return ++depth.get()[0];
    }

    public int decrement() {
        int[] d = depth.get();
        if (d[0] > 0) {
            d[0]--;
        }
        return d[0];
    }

    public int get() {
        return depth.get()[0];
    }
}
