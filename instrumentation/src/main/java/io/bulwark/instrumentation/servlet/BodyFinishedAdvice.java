package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ServletInputStream.isFinished()}: false until the app has read the saved body. */
public final class BodyFinishedAdvice {

    private BodyFinishedAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static int enter(@Advice.This Object stream) {
        return Bridge.bodyReplayState(stream, 1);
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.Enter int replayed, @Advice.Return(readOnly = false) boolean finished) {
        if (replayed != Bridge.READ_ON) {
            finished = Bridge.replayed(replayed) == 1;
        }
    }
}
