package io.bulwark.agent;

/**
 * An app's task queued on one of its executors, run with the submitting request's context bound. The reference to
 * the context is dropped once the task has run, so a pool that keeps the wrapper (a fork/join adapter awaiting
 * collection) does not keep the request alive.
 */
final class ContextRunnable implements Runnable {

    private final Runnable task;
    private volatile RequestContext context;

    ContextRunnable(Runnable task, RequestContext context) {
        this.task = task;
        this.context = context;
    }

    Runnable task() {
        return task;
    }

    @Override
    public void run() {
        RequestContext bound = context;
        context = null;
        runBound(bound, task);
    }

    /** Runs {@code task} with {@code bound} as the thread's request (none when null), restoring the thread after. */
    static void runBound(RequestContext bound, Runnable task) {
        if (bound == null) {
            task.run();
            return;
        }
        RequestContext previous = Gateway.bind(bound);
        try {
            task.run();
        } finally {
            Gateway.unbind(previous);
        }
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
