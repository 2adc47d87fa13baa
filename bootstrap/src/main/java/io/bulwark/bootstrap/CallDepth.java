package io.bulwark.bootstrap;

/**
 * Per-thread nesting counters. {@link #SQL} makes only the outermost JDBC call of a thread a sink (pool proxies
 * and a driver's own statements nest inside it); {@link #AGENT} is raised while the agent itself works, so its
 * own JDBC, Redis or process use is never checked. The counts live in the thread's {@link ThreadState}.
 */
public final class CallDepth {
    static final int KINDS = 5;

    public static final CallDepth SQL = new CallDepth(0);
    public static final CallDepth AGENT = new CallDepth(1);
    /** Request body reads: a stream's read() often calls its own read(byte[], int, int); count bytes once. */
    public static final CallDepth BODY = new CallDepth(2);
    /** {@code ResultSet.next()}: a pool's wrapper delegates to the driver's; count each row once. */
    public static final CallDepth ROWS = new CallDepth(3);
    /** Response writes: {@code write(byte[])} often calls {@code write(byte[], int, int)}; count bytes once. */
    public static final CallDepth RESPONSE = new CallDepth(4);

    private final int kind;

    private CallDepth(int kind) {
        this.kind = kind;
    }

    public int increment() {
        return ++ThreadState.current().depths[kind];
    }

    public int decrement() {
        int[] d = ThreadState.current().depths;
        if (d[kind] > 0) {
            d[kind]--;
        }
        return d[kind];
    }

    public int get() {
        return ThreadState.current().depths[kind];
    }
}
