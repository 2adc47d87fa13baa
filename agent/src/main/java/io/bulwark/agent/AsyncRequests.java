package io.bulwark.agent;

import io.bulwark.instrumentation.servlet.AsyncAccess;
import io.bulwark.instrumentation.servlet.ServletAccess;
import java.util.function.Consumer;

/**
 * Follows a request into its async cycle: its context is ended (judged with its final status, then closed) when
 * the cycle completes rather than at the servlet's exit, and tasks given to {@code AsyncContext.start} run with the context bound. The context rides on the
 * request attribute, so whichever thread the container picks can find it.
 */
final class AsyncRequests {

    private final Diagnostics diagnostics;
    private final Consumer<RequestContext> end;

    /** @param end what the servlet's exit would have done to a request that did not go async */
    AsyncRequests(Diagnostics diagnostics, Consumer<RequestContext> end) {
        this.diagnostics = diagnostics;
        this.end = end;
    }

    void started(Object request, Object asyncContext) throws Throwable {
        RequestContext context = contextOf(request);
        AsyncAccess async = AsyncAccess.of(asyncContext);
        if (context == null || async == null || !context.followAsync()) {
            return; // not ours, or already followed (a wrapper's startAsync delegating to the container's)
        }
        try {
            async.addCompletionListener(asyncContext, () -> end.accept(context));
        } catch (Throwable t) {
            context.unfollowAsync(); // the servlet's exit closes it then
            throw t;
        }
    }

    Runnable task(Object asyncContext, Runnable task) throws Throwable {
        AsyncAccess async = AsyncAccess.of(asyncContext);
        if (async == null || task instanceof RequestBoundTask) {
            return null;
        }
        RequestContext context = contextOf(async.request(asyncContext));
        return context == null ? null : new RequestBoundTask(task, context, async, asyncContext, diagnostics);
    }

    private static RequestContext contextOf(Object request) throws Throwable {
        ServletAccess access = ServletAccess.of(request);
        return access != null && access.attribute(request, RequestContext.ATTRIBUTE) instanceof RequestContext context
                ? context : null;
    }
}
