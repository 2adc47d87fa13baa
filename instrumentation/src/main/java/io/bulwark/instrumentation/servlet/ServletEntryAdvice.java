package io.bulwark.instrumentation.servlet;

import io.bulwark.bootstrap.Bridge;
import io.bulwark.bootstrap.Denied;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Servlet.service} and {@code Filter.doFilter} of both servlet APIs. Types are {@code Object}
 * so the same advice fits jakarta and javax; the bridge decides whether this is the request's outermost call.
 */
public final class ServletEntryAdvice {

    private ServletEntryAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Denied.class)
    public static Object enter(@Advice.Argument(0) Object request, @Advice.Argument(1) Object response) {
        return Bridge.servletEnter(request, response);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object scope,
                            @Advice.Argument(0) Object request,
                            @Advice.Argument(1) Object response,
                            @Advice.Thrown(readOnly = false) Throwable thrown) {
        thrown = Bridge.servletExit(scope, request, response, thrown);
    }
}
