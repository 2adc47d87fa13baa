package io.bulwark.agent;

import io.bulwark.bootstrap.BulwarkBlockedException;
import io.bulwark.instrumentation.servlet.AsyncAccess;

/**
 * An {@code AsyncContext.start} task that runs with its request's context bound to the thread, so a sink it reaches
 * is judged against that request's inputs. When the agent blocked a sink in it and already answered with its 403,
 * the block exception ends here and the async cycle is completed: left to the container, the exception would be
 * logged as the app's failure and the response held open until the async timeout.
 */
final class RequestBoundTask implements Runnable {

    private final Runnable task;
    private final RequestContext context;
    private final AsyncAccess access;
    private final Object asyncContext;
    private final Diagnostics diagnostics;

    RequestBoundTask(Runnable task, RequestContext context, AsyncAccess access, Object asyncContext,
                     Diagnostics diagnostics) {
        this.task = task;
        this.context = context;
        this.access = access;
        this.asyncContext = asyncContext;
        this.diagnostics = diagnostics;
    }

    @Override
    public void run() {
        RequestContext previous = Gateway.bind(context);
        try {
            task.run();
        } catch (BulwarkBlockedException blocked) {
            if (!context.answered()) {
                throw blocked;
            }
            complete();
        } finally {
            Gateway.unbind(previous);
        }
    }

    private void complete() {
        try {
            access.complete(asyncContext);
        } catch (IllegalStateException alreadyCompleted) {
            // the app completed the cycle itself before the exception reached here
        } catch (Throwable t) {
            diagnostics.error("completing a blocked async request", t);
        }
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
