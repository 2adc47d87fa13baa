package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ServletOutputStream.write(byte[])}: counted before the write, so a write past the route's limit
 * in block mode never reaches the client.
 */
public final class ResponseWriteArrayAdvice {

    private ResponseWriteArrayAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.Argument(0) byte[] bytes) {
        Bridge.responseWrite(bytes == null ? 0 : bytes.length);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit() {
        Bridge.responseWriteExit();
    }
}
