package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ServletInputStream.setReadListener}: the container's stream is already at its end when the
 * agent saved the body, so it would announce the end without any data; the agent hands the listener the saved body
 * itself and the container's method is skipped.
 */
public final class ReadListenerAdvice {

    private ReadListenerAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static boolean enter(@Advice.This Object stream, @Advice.Argument(0) Object listener) {
        return Bridge.bodyReplayListener(stream, listener);
    }
}
