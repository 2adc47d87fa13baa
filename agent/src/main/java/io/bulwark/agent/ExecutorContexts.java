package io.bulwark.agent;

import java.util.concurrent.Callable;
import java.util.concurrent.RunnableFuture;

/**
 * Carries a request's context onto the threads of the app's own executors. A task is wrapped when it is submitted
 * from a thread that holds a request (never otherwise, so start-up work and pools' own housekeeping are untouched),
 * and the wrapper binds the context for exactly the task's run.
 *
 * <p>The request's inputs are gathered at submission, while the request is certainly alive: a task may run after
 * its request ended, when the container has recycled the request object for another client, and must still be
 * judged against the inputs of the request that submitted it, not whatever the recycled object says.
 */
final class ExecutorContexts {

    private final Diagnostics diagnostics;

    ExecutorContexts(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Runnable bind(Runnable task, RequestContext context) {
        if (context == null || task instanceof ContextRunnable || task instanceof ContextRunnableFuture<?>) {
            return null;
        }
        snapshotInputs(context);
        // a FutureTask stays a Future: ThreadPoolExecutor.afterExecute overrides commonly test `r instanceof Future`
        return task instanceof RunnableFuture<?> future ? new ContextRunnableFuture<>(future, context)
                : new ContextRunnable(task, context);
    }

    <V> Callable<V> bind(Callable<V> task, RequestContext context) {
        if (context == null || task instanceof ContextCallable<?>) {
            return null;
        }
        snapshotInputs(context);
        return new ContextCallable<>(task, context);
    }

    /** The app's task inside one of the wrappers, or null. */
    static Runnable taskOf(Object queued) {
        if (queued instanceof ContextRunnable wrapper) {
            return wrapper.task();
        }
        if (queued instanceof ContextRunnableFuture<?> wrapper) {
            return wrapper.task();
        }
        return null;
    }

    private void snapshotInputs(RequestContext context) {
        if (context.isClosed()) {
            return; // a task submitted by a task of an ended request: the inputs were gathered when it was alive
        }
        try {
            context.inputs();
        } catch (Throwable t) {
            diagnostics.error("reading request inputs", t);
        }
    }
}
