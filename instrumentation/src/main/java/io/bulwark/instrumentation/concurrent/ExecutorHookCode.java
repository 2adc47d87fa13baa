package io.bulwark.instrumentation.concurrent;

import static io.bulwark.instrumentation.HookCode.Value.RETURN;
import static io.bulwark.instrumentation.HookCode.Value.THIS;
import static io.bulwark.instrumentation.HookCode.Value.argument;

import io.bulwark.instrumentation.HookCode;

/** What the executor hooks add: the submitted task is swapped for one that carries the request. */
final class ExecutorHookCode {

    private static final String RUNNABLE = "Ljava/lang/Runnable;";
    private static final String CALLABLE = "Ljava/util/concurrent/Callable;";

    static final HookCode RUNNABLE_SUBMIT = HookCode.enter("contextRunnable",
            "(Ljava/lang/Object;" + RUNNABLE + ")" + RUNNABLE, THIS, argument(0)).replacingArgument(0);

    static final HookCode CALLABLE_SUBMIT = HookCode.enter("contextCallable",
            "(" + CALLABLE + ")" + CALLABLE, argument(0)).replacingArgument(0);

    /** {@code ThreadPoolExecutor.remove(task)}: the queue holds the wrapper, so remove that. */
    static final HookCode QUEUED_REMOVE = HookCode.enter("queuedForm",
            "(Ljava/lang/Object;" + RUNNABLE + ")" + RUNNABLE, THIS, argument(0)).replacingArgument(0);

    /** {@code shutdownNow()}: the app gets back its own tasks, not the wrappers. */
    static final HookCode DRAINED = HookCode.noEnter().exit("unwrapDrained", "(Ljava/util/List;)V", RETURN);

    private ExecutorHookCode() {
    }
}
