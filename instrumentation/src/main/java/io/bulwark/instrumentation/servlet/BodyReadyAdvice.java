package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ServletInputStream.isReady()}: saved bytes never block. */
public final class BodyReadyAdvice {

    private BodyReadyAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static int enter(@Advice.This Object stream) {
        return Bridge.bodyReplayState(stream, 2);
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.Enter int replayed, @Advice.Return(readOnly = false) boolean ready) {
        if (replayed != Bridge.READ_ON) {
            ready = Bridge.replayed(replayed) == 1;
        }
    }
}
