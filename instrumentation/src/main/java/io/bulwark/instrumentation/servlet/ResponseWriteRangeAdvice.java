package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ServletOutputStream.write(byte[], int, int)}: counted before the write, so a write past the route's limit
 * in block mode never reaches the client.
 */
public final class ResponseWriteRangeAdvice {

    private ResponseWriteRangeAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.Argument(2) int length) {
        Bridge.responseWrite(length);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit() {
        Bridge.responseWriteExit();
    }
}
