package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import java.nio.ByteBuffer;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ServletInputStream.read(ByteBuffer)} (Servlet 6.1): serves a saved body. Reads the stream makes
 * itself are not copied for the sinks: containers fill the buffer beneath the byte-array read this API offers.
 */
public final class BodyBufferReadAdvice {

    private BodyBufferReadAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static int enter(@Advice.This Object stream, @Advice.Argument(0) ByteBuffer buffer) {
        return Bridge.bodyReplayBuffer(stream, buffer);
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.Enter int replayed, @Advice.Return(readOnly = false) int count) {
        if (replayed != Bridge.READ_ON) {
            count = Bridge.replayed(replayed);
        }
    }
}
