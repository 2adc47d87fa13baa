package io.bulwark.instrumentation.concurrent;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into an executor's {@code execute(Runnable)} and {@code submit(Runnable...)}: queues the bound task. */
public final class RunnableSubmitAdvice {

    private RunnableSubmitAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object executor,
                             @Advice.Argument(value = 0, readOnly = false) Runnable task) {
        task = Bridge.contextRunnable(executor, task);
    }
}
