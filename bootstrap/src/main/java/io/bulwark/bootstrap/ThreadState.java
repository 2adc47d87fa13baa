package io.bulwark.bootstrap;

/**
 * Everything the agent keeps per thread, in one object behind one {@link ThreadLocal}: the nesting counters of
 * {@link CallDepth} and the request bound to the thread. A request touches this some twenty times (each sink, row
 * and response write); as six thread-locals those were six entries in the thread's map, which a container's thread
 * shares with the app's, the server's and the driver's own thread-locals, and a lookup that missed its slot walked
 * the table (seen in profiles of the demo under load). One entry keeps every lookup on one slot and leaves the map
 * smaller for everyone else's.
 */
public final class ThreadState {

    private static final ThreadLocal<ThreadState> STATE = ThreadLocal.withInitial(ThreadState::new);

    /** Indexed by {@link CallDepth}'s kinds. */
    final int[] depths = new int[CallDepth.KINDS];

    /** The agent's state of the request this thread serves (its request context), or null outside a request. */
    private Object request;

    private ThreadState() {
    }

    public static ThreadState current() {
        return STATE.get();
    }

    public Object request() {
        return request;
    }

    public void request(Object request) {
        this.request = request;
    }
}
