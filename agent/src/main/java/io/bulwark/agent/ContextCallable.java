package io.bulwark.agent;

import java.util.concurrent.Callable;

/** A {@code Callable} submitted to an executor, run with the submitting request's context bound. */
final class ContextCallable<V> implements Callable<V> {

    private final Callable<V> task;
    private volatile RequestContext context;

    ContextCallable(Callable<V> task, RequestContext context) {
        this.task = task;
        this.context = context;
    }

    @Override
    public V call() throws Exception {
        RequestContext bound = context;
        context = null;
        if (bound == null) {
            return task.call();
        }
        RequestContext previous = Gateway.bind(bound);
        try {
            return task.call();
        } finally {
            Gateway.unbind(previous);
        }
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
