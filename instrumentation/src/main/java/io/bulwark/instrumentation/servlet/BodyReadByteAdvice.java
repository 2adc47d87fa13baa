package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ServletInputStream.read()}; like {@link BodyReadAdvice}, one byte at a time. */
public final class BodyReadByteAdvice {

    private BodyReadByteAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static int enter(@Advice.This Object stream) {
        return Bridge.bodyReplayByte(stream);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter int replayed,
                            @Advice.Return(readOnly = false) int value,
                            @Advice.Thrown Throwable thrown) {
        if (replayed != Bridge.READ_ON) {
            value = Bridge.replayed(replayed);
        } else {
            Bridge.bodyReadByte(thrown == null ? value : -1);
        }
    }
}
