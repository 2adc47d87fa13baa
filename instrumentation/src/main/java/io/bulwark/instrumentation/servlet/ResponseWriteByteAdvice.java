package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ServletOutputStream.write(int)}: counted before the write, so a write past the route's limit
 * in block mode never reaches the client.
 */
public final class ResponseWriteByteAdvice {

    private ResponseWriteByteAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter() {
        Bridge.responseWrite(1);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit() {
        Bridge.responseWriteExit();
    }
}
