package io.bulwark.instrumentation.concurrent;

import io.bulwark.bootstrap.Bridge;
import java.util.List;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ThreadPoolExecutor.shutdownNow()}: hands back the app's own tasks, not the wrappers. */
public final class DrainedTasksAdvice {

    private DrainedTasksAdvice() {
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.Return List<Runnable> drained) {
        Bridge.unwrapDrained(drained);
    }
}
