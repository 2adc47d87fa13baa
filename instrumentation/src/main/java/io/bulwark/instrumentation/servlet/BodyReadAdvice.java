package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ServletInputStream.read(byte[], int, int)}: hands what the app read to the bridge, or, for a
 * body the agent read at entry, serves the saved bytes instead of running the stream's own read.
 */
public final class BodyReadAdvice {

    private BodyReadAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static int enter(@Advice.This Object stream,
                            @Advice.Argument(0) byte[] buffer,
                            @Advice.Argument(1) int offset,
                            @Advice.Argument(2) int length) {
        return Bridge.bodyReplayRead(stream, buffer, offset, length);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter int replayed,
                            @Advice.Argument(0) byte[] buffer,
                            @Advice.Argument(1) int offset,
                            @Advice.Return(readOnly = false) int count,
                            @Advice.Thrown Throwable thrown) {
        if (replayed != Bridge.READ_ON) {
            count = Bridge.replayed(replayed);
        } else {
            Bridge.bodyRead(buffer, offset, thrown == null ? count : -1);
        }
    }
}
