package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code AsyncContext.start}: replaces the task with one bound to the request. */
public final class AsyncTaskAdvice {

    private AsyncTaskAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object asyncContext,
                             @Advice.Argument(value = 0, readOnly = false) Runnable task) {
        task = Bridge.asyncTask(asyncContext, task);
    }
}
