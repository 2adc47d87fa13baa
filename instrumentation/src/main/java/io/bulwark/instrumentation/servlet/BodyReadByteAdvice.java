package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ServletInputStream.read()}. */
public final class BodyReadByteAdvice {

    private BodyReadByteAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter() {
        Bridge.bodyEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Return int value, @Advice.Thrown Throwable thrown) {
        Bridge.bodyReadByte(thrown == null ? value : -1);
    }
}
