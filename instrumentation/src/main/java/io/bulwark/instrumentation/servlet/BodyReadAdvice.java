package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ServletInputStream.read(byte[], int, int)}: hands what the app read to the bridge. */
public final class BodyReadAdvice {

    private BodyReadAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter() {
        Bridge.bodyEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Argument(0) byte[] buffer,
                            @Advice.Argument(1) int offset,
                            @Advice.Return int count,
                            @Advice.Thrown Throwable thrown) {
        Bridge.bodyRead(buffer, offset, thrown == null ? count : -1);
    }
}
