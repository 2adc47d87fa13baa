package io.bulwark.instrumentation.concurrent;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ThreadPoolExecutor.remove(Runnable)}: removes the wrapper the app's task is queued as. */
public final class QueuedTaskRemoveAdvice {

    private QueuedTaskRemoveAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object executor,
                             @Advice.Argument(value = 0, readOnly = false) Runnable task) {
        task = Bridge.queuedForm(executor, task);
    }
}
