package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ServletOutputStream.write(ByteBuffer)}: counted before the write, so a write past the route's limit
 * in block mode never reaches the client.
 */
public final class ResponseWriteBufferAdvice {

    private ResponseWriteBufferAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.Argument(0) java.nio.ByteBuffer buffer) {
        Bridge.responseWrite(buffer == null ? 0 : buffer.remaining());
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit() {
        Bridge.responseWriteExit();
    }
}
