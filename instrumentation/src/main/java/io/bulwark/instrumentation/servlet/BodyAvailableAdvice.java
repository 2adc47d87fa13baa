package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ServletInputStream.available()}: the saved bytes left, while a saved body is served. */
public final class BodyAvailableAdvice {

    private BodyAvailableAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static int enter(@Advice.This Object stream) {
        return Bridge.bodyReplayState(stream, 0);
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.Enter int replayed, @Advice.Return(readOnly = false) int available) {
        if (replayed != Bridge.READ_ON) {
            available = Bridge.replayed(replayed);
        }
    }
}
