package io.bulwark.instrumentation.servlet;

import io.bulwark.instrumentation.ClassLoaderHasType;
import io.bulwark.instrumentation.HookCode;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.function.Predicate;

/**
 * The request body as the app reads it, byte for byte unchanged for the app: the agent only copies what passes, so
 * it never consumes a body the app has not asked for, and JSON fields become inputs only if the app read them. On a
 * route whose JSON rules made the agent read the body at entry, the same hooks serve the saved bytes instead
 * ({@link Method#BUFFER_READ} and the state methods only do that).
 */
public final class ServletInputStreamInstrumentation implements TypeInstrumentation {

    /** The stream methods hooked. */
    enum Method { ARRAY_READ, BYTE_READ, BUFFER_READ, AVAILABLE, IS_FINISHED, IS_READY, SET_READ_LISTENER }

    private final ServletApi api;
    private final Method method;

    ServletInputStreamInstrumentation(ServletApi api, Method method) {
        this.api = api;
        this.method = method;
    }

    static ServletInputStreamInstrumentation arrayReads(ServletApi api) {
        return new ServletInputStreamInstrumentation(api, Method.ARRAY_READ);
    }

    static ServletInputStreamInstrumentation singleByteReads(ServletApi api) {
        return new ServletInputStreamInstrumentation(api, Method.BYTE_READ);
    }

    @Override
    public String concreteSubtypeOf() {
        return api.type("ServletInputStream");
    }

    @Override
    public Predicate<ClassLoader> classLoaderRule() {
        return new ClassLoaderHasType(api.type("ServletInputStream"));
    }

    @Override
    public MethodRule methods() {
        return switch (method) {
            case ARRAY_READ -> MethodRule.named("read").takes("[B", "I", "I").returns("I");
            case BYTE_READ -> MethodRule.named("read").takes().returns("I");
            case BUFFER_READ -> MethodRule.named("read").takes("Ljava/nio/ByteBuffer;").returns("I");
            case AVAILABLE -> MethodRule.named("available").takes().returns("I");
            case IS_FINISHED -> MethodRule.named("isFinished").takes().returns("Z");
            case IS_READY -> MethodRule.named("isReady").takes().returns("Z");
            case SET_READ_LISTENER -> MethodRule.named("setReadListener").takes(api.descriptor("ReadListener"));
        };
    }

    @Override
    public HookCode code() {
        return switch (method) {
            case ARRAY_READ -> ServletHookCode.READ_ARRAY;
            case BYTE_READ -> ServletHookCode.READ_BYTE;
            case BUFFER_READ -> ServletHookCode.READ_BUFFER;
            case AVAILABLE -> ServletHookCode.AVAILABLE;
            case IS_FINISHED -> ServletHookCode.IS_FINISHED;
            case IS_READY -> ServletHookCode.IS_READY;
            case SET_READ_LISTENER -> ServletHookCode.SET_READ_LISTENER;
        };
    }
}
