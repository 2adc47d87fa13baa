package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import java.io.BufferedReader;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into a container's {@code getReader()} that decodes beneath its stream: the container's own method runs
 * first (it enforces the stream-or-reader rule and picks the charset), then the app gets a reader of the saved body.
 */
public final class BodyReaderAdvice {

    private BodyReaderAdvice() {
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.This Object request, @Advice.Return(readOnly = false) BufferedReader reader) {
        reader = Bridge.bodyReader(request, reader);
    }
}
