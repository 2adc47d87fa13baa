package io.bulwark.instrumentation.concurrent;

import io.bulwark.bootstrap.Bridge;
import java.util.concurrent.Callable;
import net.bytebuddy.asm.Advice;

/** Inlined into an executor's {@code submit(Callable)}: queues the request-bound task. */
public final class CallableSubmitAdvice {

    private CallableSubmitAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
        task = Bridge.contextCallable(task);
    }
}
