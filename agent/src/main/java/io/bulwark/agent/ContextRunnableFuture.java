package io.bulwark.agent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code FutureTask} (what {@code submit} queues) with the submitting request's context bound while it runs.
 * It is still a {@code Future} delegating to the app's: a pool subclass whose {@code afterExecute} reads the
 * task's outcome through {@code Future.get}, as the JDK's documentation suggests, keeps working.
 */
final class ContextRunnableFuture<V> implements RunnableFuture<V> {

    private final RunnableFuture<V> task;
    private volatile RequestContext context;

    ContextRunnableFuture(RunnableFuture<V> task, RequestContext context) {
        this.task = task;
        this.context = context;
    }

    RunnableFuture<V> task() {
        return task;
    }

    @Override
    public void run() {
        RequestContext bound = context;
        context = null;
        ContextRunnable.runBound(bound, task);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return task.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
        return task.isCancelled();
    }

    @Override
    public boolean isDone() {
        return task.isDone();
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
        return task.get();
    }

    @Override
    public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return task.get(timeout, unit);
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
