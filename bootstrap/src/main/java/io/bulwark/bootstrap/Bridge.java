package io.bulwark.bootstrap;

/**
 * The only thing inlined advice calls. It lives on the bootstrap class path so that advice pasted into
 * {@code java.lang.ProcessImpl} and into web-app classes alike can see it, and therefore names only
 * {@code java.base} types: {@code java.sql} and the servlet APIs are invisible from the bootstrap loader.
 *
 * <p>Every method here keeps the app safe from the agent: whatever the dispatcher throws is swallowed and
 * reported, except {@link BulwarkBlockedException}, which is the agent's one deliberate throw into app code.
 */
public final class Bridge {

    private static volatile Dispatcher dispatcher = Dispatcher.NOOP;

    private Bridge() {
    }

    /** Called once by the agent when its engines are ready; before that every hook is a no-op. */
    public static void install(Dispatcher installed) {
        dispatcher = installed == null ? Dispatcher.NOOP : installed;
    }

    public static Dispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * Servlet entry. Returns {@code null} when this call is not the request's outermost one (or the agent is
     * off), a request scope to hand back to {@link #servletExit}, or {@link Denied#INSTANCE} when the agent has
     * already answered the request and the servlet must be skipped.
     */
    public static Object servletEnter(Object request, Object response) {
        if (AgentThread.isCurrent()) {
            return null;
        }
        try {
            return dispatcher.servletEnter(request, response);
        } catch (Throwable t) {
            dispatcher.adviceError("servlet entry", t);
            return null;
        }
    }

    /**
     * Servlet exit, also when the servlet threw. Returns the throwable the servlet call should end with: the one it
     * threw, or {@code null} when the agent answered with its own 403 after a blocked sink and the app's exception
     * was only the agent's block exception travelling up (the container would otherwise log it as an app error).
     */
    public static Throwable servletExit(Object scope, Object request, Object response, Throwable thrown) {
        if (scope == null || scope == Denied.INSTANCE) {
            return thrown;
        }
        try {
            return dispatcher.servletExit(scope, request, response, thrown);
        } catch (Throwable t) {
            dispatcher.adviceError("servlet exit", t);
            return thrown;
        }
    }

    /**
     * Exit of {@code HttpServletRequest.getUserPrincipal()}: the container's own principal wins; without one, the
     * caller the agent authenticated at entry, or null.
     */
    public static java.security.Principal userPrincipal(Object request, java.security.Principal fromContainer) {
        if (fromContainer != null || AgentThread.isCurrent()) {
            return fromContainer;
        }
        try {
            return dispatcher.userPrincipal(request);
        } catch (Throwable t) {
            dispatcher.adviceError("user principal", t);
            return null;
        }
    }

    /**
     * A JDBC sink: SQL text about to be executed or prepared. Only the outermost sink call on a thread is checked,
     * so a pool's proxy and the driver's statement count once, and a driver's own metadata queries not at all.
     * Always pair with {@link #sqlExit()}, including when this method throws.
     */
    public static void sqlEnter(Object jdbcObject, String sql, String method) {
        if (CallDepth.SQL.increment() != 1 || AgentThread.isCurrent()) {
            return;
        }
        try {
            dispatcher.sql(jdbcObject, sql, method);
        } catch (BulwarkBlockedException blocked) {
            CallDepth.SQL.decrement();
            throw blocked;
        } catch (Throwable t) {
            dispatcher.adviceError("jdbc", t);
        }
    }

    public static void sqlExit() {
        CallDepth.SQL.decrement();
    }

    /** Entry of a request-body read ({@code ServletInputStream.read}); pair with a {@code bodyRead*} exit. */
    public static void bodyEnter() {
        CallDepth.BODY.increment();
    }

    /**
     * Exit of {@code read(byte[], int, int)}: {@code count} bytes were read into {@code buffer} at {@code offset}.
     * Throws {@link BulwarkBlockedException} when they take the body past its route's {@code maxBodySize}.
     */
    public static void bodyRead(byte[] buffer, int offset, int count) {
        if (CallDepth.BODY.decrement() != 0 || count <= 0 || AgentThread.isCurrent()) {
            return;
        }
        try {
            dispatcher.bodyRead(buffer, offset, count);
        } catch (BulwarkBlockedException overLimit) {
            throw overLimit; // the body outgrew the route's limit: the read must not hand the bytes to the app
        } catch (Throwable t) {
            dispatcher.adviceError("request body", t);
        }
    }

    /** Exit of {@code read()}: one byte, or -1 at the end. */
    public static void bodyReadByte(int value) {
        if (CallDepth.BODY.decrement() != 0 || value < 0 || AgentThread.isCurrent()) {
            return;
        }
        try {
            dispatcher.bodyRead(new byte[] {(byte) value}, 0, 1);
        } catch (BulwarkBlockedException overLimit) {
            throw overLimit;
        } catch (Throwable t) {
            dispatcher.adviceError("request body", t);
        }
    }

    /**
     * Entry of {@code ServletInputStream.read(byte[], int, int)} on a route whose body the agent read at entry: the
     * read is served from the saved bytes. Returns {@link #READ_ON} to let the stream read (then pair with
     * {@link #bodyRead}), else the read's result encoded for {@link #replayed}.
     */
    public static int bodyReplayRead(Object stream, byte[] buffer, int offset, int length) {
        int replayed = READ_ON;
        if (!AgentThread.isCurrent()) {
            try {
                replayed = dispatcher.bodyReplayRead(stream, buffer, offset, length);
            } catch (Throwable t) {
                dispatcher.adviceError("request body replay", t);
            }
        }
        if (replayed == READ_ON) {
            CallDepth.BODY.increment();
        }
        return replayed;
    }

    /** As {@link #bodyReplayRead}, for {@code read()}; pair {@link #READ_ON} with {@link #bodyReadByte}. */
    public static int bodyReplayByte(Object stream) {
        int replayed = READ_ON;
        if (!AgentThread.isCurrent()) {
            try {
                replayed = dispatcher.bodyReplayByte(stream);
            } catch (Throwable t) {
                dispatcher.adviceError("request body replay", t);
            }
        }
        if (replayed == READ_ON) {
            CallDepth.BODY.increment();
        }
        return replayed;
    }

    /** As {@link #bodyReplayRead}, for {@code read(ByteBuffer)}; the stream's own reads of it are not copied. */
    public static int bodyReplayBuffer(Object stream, java.nio.ByteBuffer buffer) {
        if (AgentThread.isCurrent()) {
            return READ_ON;
        }
        try {
            return dispatcher.bodyReplayBuffer(stream, buffer);
        } catch (Throwable t) {
            dispatcher.adviceError("request body replay", t);
            return READ_ON;
        }
    }

    /**
     * {@code available()}, {@code isFinished()} or {@code isReady()} ({@code question} 0, 1, 2) of a stream whose body
     * was saved: {@link #READ_ON} to let the stream answer, else the answer encoded for {@link #replayed} (booleans
     * as 0 and 1).
     */
    public static int bodyReplayState(Object stream, int question) {
        if (AgentThread.isCurrent()) {
            return READ_ON;
        }
        try {
            return dispatcher.bodyReplayState(stream, question);
        } catch (Throwable t) {
            dispatcher.adviceError("request body replay", t);
            return READ_ON;
        }
    }

    /**
     * Entry of {@code ServletInputStream.setReadListener} on a stream whose body was saved: true when the agent
     * delivered the saved body to the listener itself and the stream's method must be skipped.
     */
    public static boolean bodyReplayListener(Object stream, Object listener) {
        if (listener == null || AgentThread.isCurrent()) {
            return false;
        }
        try {
            return dispatcher.bodyReplayListener(stream, listener);
        } catch (Throwable t) {
            dispatcher.adviceError("request body replay", t);
            return false;
        }
    }

    /**
     * Exit of {@code ServletRequest.getReader()}, also when it threw: the agent took the body through the stream at
     * entry, so the container refuses the reader ({@code IllegalStateException}: the stream is in use). For a
     * request whose body the agent saved, returns a reader of the saved body to return instead (and the exception is
     * dropped); else null, and the call ends as it would have.
     */
    public static java.io.BufferedReader bodyReader(Object request, Throwable thrown) {
        if (!(thrown instanceof IllegalStateException) || AgentThread.isCurrent()) {
            return null;
        }
        try {
            return dispatcher.bodyReader(request);
        } catch (Throwable t) {
            dispatcher.adviceError("request body reader", t);
            return null;
        }
    }

    /** What the replay methods return when the stream must run its own method. */
    public static final int READ_ON = 0;

    /** Encodes a replayed result (-1 and up) so that it never equals {@link #READ_ON}. */
    public static int replay(int result) {
        return result + 2;
    }

    /** The result a replay method encoded; for booleans 1 is true. */
    public static int replayed(int encoded) {
        return encoded - 2;
    }

    /**
     * Exit of {@code read(byte[], int, int)}: the replayed count when the entry replayed the read, else the stream's
     * own {@code count}, whose bytes are counted against the route's body limit (none when the read threw).
     */
    public static int bodyReadExit(int replayed, byte[] buffer, int offset, int count, Throwable thrown) {
        if (replayed != READ_ON) {
            return replayed(replayed);
        }
        bodyRead(buffer, offset, thrown == null ? count : -1);
        return count;
    }

    /** Exit of {@code read()}: as {@link #bodyReadExit}, for one byte. */
    public static int bodyReadByteExit(int replayed, int value, Throwable thrown) {
        if (replayed != READ_ON) {
            return replayed(replayed);
        }
        bodyReadByte(thrown == null ? value : -1);
        return value;
    }

    /** Exit of a stream method the entry may have answered from a replayed body: that answer, else the stream's. */
    public static int replayedOr(int replayed, int own) {
        return replayed != READ_ON ? replayed(replayed) : own;
    }

    /** {@link #replayedOr} for the boolean state methods ({@code isFinished}, {@code isReady}). */
    public static boolean replayedFlagOr(int replayed, boolean own) {
        return replayed != READ_ON ? replayed(replayed) == 1 : own;
    }

    /** {@code java.lang.ProcessImpl.start}: every way the JDK starts a process passes through it. */
    public static void processStart(String[] command) {
        if (AgentThread.isCurrent() || CallDepth.AGENT.get() > 0) {
            return;
        }
        try {
            dispatcher.processStart(command);
        } catch (BulwarkBlockedException blocked) {
            throw blocked;
        } catch (Throwable t) {
            dispatcher.adviceError("process", t);
        }
    }
    /**
     * Exit of {@code ServletRequest.startAsync}: the request's state now outlives the serving thread, so the agent
     * closes it when the async cycle completes instead of at the servlet's exit.
     */
    public static void asyncStarted(Object request, Object asyncContext) {
        if (asyncContext == null || AgentThread.isCurrent()) {
            return;
        }
        try {
            dispatcher.asyncStarted(request, asyncContext);
        } catch (Throwable t) {
            dispatcher.adviceError("async start", t);
        }
    }

    /**
     * Entry of {@code AsyncContext.start(Runnable)}: returns the task the container should run instead, one that
     * carries the request's state onto the container's async thread so its sinks are still attributed to the request.
     */
    public static Runnable asyncTask(Object asyncContext, Runnable task) {
        if (task == null || AgentThread.isCurrent()) {
            return task;
        }
        try {
            Runnable bound = dispatcher.asyncTask(asyncContext, task);
            return bound == null ? task : bound;
        } catch (Throwable t) {
            dispatcher.adviceError("async task", t);
            return task;
        }
    }

    /** Entry of {@code ResultSet.next()}; always pair with {@link #rowExit}. */
    public static void rowEnter() {
        CallDepth.ROWS.increment();
    }

    /**
     * Exit of {@code ResultSet.next()}: {@code hasRow} when it returned true. Only the outermost call counts, so a
     * pool's result-set wrapper and the driver's result set count one row once. Throws
     * {@link BulwarkBlockedException} when the row is past the route's limit in block mode: the app never gets it.
     */
    public static void rowExit(boolean hasRow, Throwable thrown) {
        rowExit(thrown == null && hasRow);
    }

    /** {@link #rowExit(boolean, Throwable)} once the outcome is known. */
    public static void rowExit(boolean hasRow) {
        if (CallDepth.ROWS.decrement() != 0 || !hasRow || AgentThread.isCurrent()) {
            return;
        }
        try {
            dispatcher.rowRead();
        } catch (BulwarkBlockedException overLimit) {
            throw overLimit;
        } catch (Throwable t) {
            dispatcher.adviceError("jdbc rows", t);
        }
    }

    /**
     * Entry of a response body write ({@code ServletOutputStream.write}) of {@code count} bytes; pair with
     * {@link #responseWriteExit()}, unless this throws (it undoes its own count then, since exit advice does not run
     * when entry advice throws).
     */
    public static void responseWrite(long count) {
        if (CallDepth.RESPONSE.increment() != 1 || count <= 0 || AgentThread.isCurrent()) {
            return;
        }
        try {
            dispatcher.responseWrite(count);
        } catch (BulwarkBlockedException overLimit) {
            CallDepth.RESPONSE.decrement();
            throw overLimit;
        } catch (Throwable t) {
            dispatcher.adviceError("response output", t);
        }
    }

    /** {@link #responseWrite(long)} for the overloads that pass an {@code int} length (or one byte or char). */
    public static void responseWriteCount(int count) {
        responseWrite(count);
    }

    /** {@code write(byte[])}. */
    public static void responseWriteArray(byte[] bytes) {
        responseWrite(bytes == null ? 0 : bytes.length);
    }

    /** {@code write(ByteBuffer)}. */
    public static void responseWriteBuffer(java.nio.ByteBuffer buffer) {
        responseWrite(buffer == null ? 0 : buffer.remaining());
    }

    public static void responseWriteExit() {
        CallDepth.RESPONSE.decrement();
    }
    /**
     * Entry of an executor's submission method ({@code ThreadPoolExecutor.execute}, {@code ForkJoinPool.execute} and
     * {@code submit}, the JDK's thread-per-task executors): returns the task to queue instead, one that carries the
     * submitting request's state to the thread that runs it, or {@code task} itself outside a request. Skips what
     * wrapping would change for the pool: its own fork/join tasks (their identity is their result) and pools whose
     * queue orders or types its elements (a priority queue of the app's comparable tasks).
     */
    public static Runnable contextRunnable(Object executor, Runnable task) {
        if (task == null || AgentThread.isCurrent() || CallDepth.AGENT.get() > 0 || !wrappable(executor, task)) {
            return task;
        }
        try {
            Runnable bound = dispatcher.contextRunnable(task);
            return bound == null ? task : bound;
        } catch (Throwable t) {
            dispatcher.adviceError("executor task", t);
            return task;
        }
    }

    /** As {@link #contextRunnable}, for {@code submit(Callable)}. */
    public static <V> java.util.concurrent.Callable<V> contextCallable(java.util.concurrent.Callable<V> task) {
        if (task == null || AgentThread.isCurrent() || CallDepth.AGENT.get() > 0
                || task instanceof java.util.concurrent.ForkJoinTask) {
            return task;
        }
        try {
            java.util.concurrent.Callable<V> bound = dispatcher.contextCallable(task);
            return bound == null ? task : bound;
        } catch (Throwable t) {
            dispatcher.adviceError("executor task", t);
            return task;
        }
    }

    private static boolean wrappable(Object executor, Runnable task) {
        if (task instanceof java.util.concurrent.ForkJoinTask
                && !(task instanceof java.util.concurrent.CompletableFuture.AsynchronousCompletionTask)) {
            return false;
        }
        if (executor instanceof java.util.concurrent.ThreadPoolExecutor pool) {
            Class<?> queue = pool.getQueue().getClass();
            return queue == java.util.concurrent.LinkedBlockingQueue.class
                    || queue == java.util.concurrent.SynchronousQueue.class
                    || queue == java.util.concurrent.ArrayBlockingQueue.class
                    || queue == java.util.concurrent.LinkedBlockingDeque.class
                    || queue == java.util.concurrent.LinkedTransferQueue.class;
        }
        return true;
    }

    /**
     * Entry of {@code ThreadPoolExecutor.remove(Runnable)}: the queue holds the agent's wrapper, not the app's task,
     * so the wrapper of {@code task} is what must be removed. Returns {@code task} when it is not queued wrapped.
     */
    public static Runnable queuedForm(Object executor, Runnable task) {
        if (task == null || !(executor instanceof java.util.concurrent.ThreadPoolExecutor pool)) {
            return task;
        }
        try {
            for (Runnable queued : pool.getQueue()) {
                if (queued != task && dispatcher.taskOf(queued) == task) {
                    return queued;
                }
            }
        } catch (Throwable t) {
            dispatcher.adviceError("executor remove", t);
        }
        return task;
    }

    /** Exit of {@code ThreadPoolExecutor.shutdownNow()}: the app gets back its own tasks, not the agent's wrappers. */
    public static void unwrapDrained(java.util.List<Runnable> drained) {
        if (drained == null) {
            return;
        }
        try {
            for (int i = 0; i < drained.size(); i++) {
                Runnable own = dispatcher.taskOf(drained.get(i));
                if (own != null) {
                    drained.set(i, own);
                }
            }
        } catch (Throwable t) {
            dispatcher.adviceError("executor shutdown", t);
        }
    }
}
