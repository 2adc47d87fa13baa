package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code startAsync}: only a normal return starts an async cycle worth following. */
public final class AsyncStartAdvice {

    private AsyncStartAdvice() {
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.This Object request, @Advice.Return Object asyncContext) {
        Bridge.asyncStarted(request, asyncContext);
    }
}
