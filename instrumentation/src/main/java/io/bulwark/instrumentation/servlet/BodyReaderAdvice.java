package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import java.io.BufferedReader;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ServletRequest.getReader()}. The container's own method runs first and, for a body the agent
 * read at entry, refuses (the stream is in use); the app then gets a reader of the saved body instead.
 */
public final class BodyReaderAdvice {

    private BodyReaderAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.This Object request,
                            @Advice.Return(readOnly = false) BufferedReader reader,
                            @Advice.Thrown(readOnly = false) Throwable thrown) {
        BufferedReader saved = Bridge.bodyReader(request, thrown);
        if (saved != null) {
            reader = saved;
            thrown = null;
        }
    }
}
