package io.bulwark.bootstrap;

/**
 * The agent's side of the bridge, implemented inside the agent's isolated class loader. Each method is one typed
 * event from instrumentation; the implementation owns the request context and asks the engines for a verdict.
 */
public abstract class Dispatcher {

    static final Dispatcher NOOP = new Dispatcher() {
    };

    protected Dispatcher() {
    }

    public Object servletEnter(Object request, Object response) {
        return null;
    }

    /** Returns the throwable the servlet call ends with (see {@link Bridge#servletExit}). */
    public Throwable servletExit(Object scope, Object request, Object response, Throwable thrown) {
        return thrown;
    }

    /** The principal of the caller authenticated at entry, for a request whose container knows no user; or null. */
    public java.security.Principal userPrincipal(Object request) {
        return null;
    }

    /** May throw {@link BulwarkBlockedException} to stop the statement from running. */
    public void sql(Object jdbcObject, String sql, String method) {
    }

    /**
     * Bytes of the request body, as the app reads them; the agent keeps a bounded copy to scan at sinks. May throw
     * {@link BulwarkBlockedException} when the body passes its route's size limit.
     */
    public void bodyRead(byte[] buffer, int offset, int count) {
    }

    /** See {@link Bridge#bodyReplayRead}: {@link Bridge#READ_ON}, or {@link Bridge#replay} of the result. */
    public int bodyReplayRead(Object stream, byte[] buffer, int offset, int length) {
        return Bridge.READ_ON;
    }

    /** See {@link Bridge#bodyReplayByte}. */
    public int bodyReplayByte(Object stream) {
        return Bridge.READ_ON;
    }

    /** See {@link Bridge#bodyReplayBuffer}. */
    public int bodyReplayBuffer(Object stream, java.nio.ByteBuffer buffer) {
        return Bridge.READ_ON;
    }

    /** See {@link Bridge#bodyReplayState}. */
    public int bodyReplayState(Object stream, int question) {
        return Bridge.READ_ON;
    }

    /** See {@link Bridge#bodyReplayListener}. */
    public boolean bodyReplayListener(Object stream, Object listener) {
        return false;
    }

    /** See {@link Bridge#bodyReader}: a reader of the saved body, or null when the request has none. */
    public java.io.BufferedReader bodyReader(Object request) {
        return null;
    }

    /** May throw {@link BulwarkBlockedException} to stop the process from starting. */
    public void processStart(String[] command) {
    }

    /**
     * {@code ResultSet.next()} returned a row for the current request. May throw {@link BulwarkBlockedException}
     * when the row takes the request past its route's {@code maxRows}.
     */
    public void rowRead() {
    }

    /**
     * The app is about to write {@code count} response body bytes. May throw {@link BulwarkBlockedException} when
     * they would take the response past its route's {@code maxResponseBytes}: the write then never happens.
     */
    public void responseWrite(long count) {
    }

    /** An unexpected failure inside the agent while serving a hook; reported, never rethrown. */
    public void adviceError(String where, Throwable error) {
    }

    /** {@code startAsync} returned {@code asyncContext} for {@code request}. */
    public void asyncStarted(Object request, Object asyncContext) {
    }

    /** The task to run in place of {@code task} on the container's async thread, or null to run it as is. */
    public Runnable asyncTask(Object asyncContext, Runnable task) {
        return null;
    }

    /** The task to queue in place of {@code task}, carrying the current request's state; null to queue it as is. */
    public Runnable contextRunnable(Runnable task) {
        return null;
    }

    /** As {@link #contextRunnable}, for a {@code Callable}. */
    public <V> java.util.concurrent.Callable<V> contextCallable(java.util.concurrent.Callable<V> task) {
        return null;
    }

    /** The app's task inside {@code queued} when it is one of the agent's wrappers, else null. */
    public Runnable taskOf(Object queued) {
        return null;
    }
}
