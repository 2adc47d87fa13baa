package io.bulwark.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.bulwark.instrumentation.ClassLoaderHasType;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The request body as the app reads it, byte for byte unchanged for the app: the agent only copies what passes, so
 * it never consumes a body the app has not asked for, and JSON fields become inputs only if the app read them. On a
 * route whose JSON rules made the agent read the body at entry, the same hooks serve the saved bytes instead
 * ({@link Method#BUFFER_READ} and the state methods only do that).
 */
public final class ServletInputStreamInstrumentation implements TypeInstrumentation {

    /** The stream methods hooked, each with its advice. */
    enum Method {
        ARRAY_READ("read", BodyReadAdvice.class),
        BYTE_READ("read", BodyReadByteAdvice.class),
        BUFFER_READ("read", BodyBufferReadAdvice.class),
        AVAILABLE("available", BodyAvailableAdvice.class),
        IS_FINISHED("isFinished", BodyFinishedAdvice.class),
        IS_READY("isReady", BodyReadyAdvice.class),
        SET_READ_LISTENER("setReadListener", ReadListenerAdvice.class);

        private final String methodName;
        private final Class<?> advice;

        Method(String methodName, Class<?> advice) {
            this.methodName = methodName;
            this.advice = advice;
        }
    }

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
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return new ClassLoaderHasType(api.type("ServletInputStream"));
    }

    @Override
    public String concreteSubtypeOf() {
        return api.type("ServletInputStream");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return not(isInterface()).and(hasSuperType(named(api.type("ServletInputStream"))));
    }

    @Override
    public Set<String> methodNames() {
        return Set.of(method.methodName);
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        ElementMatcher.Junction<MethodDescription> concrete = not(isAbstract());
        return switch (method) {
            case ARRAY_READ -> concrete.and(named("read")).and(returns(int.class)).and(takesArguments(3))
                    .and(takesArgument(0, byte[].class)).and(takesArgument(1, int.class))
                    .and(takesArgument(2, int.class));
            case BYTE_READ -> concrete.and(named("read")).and(returns(int.class)).and(takesArguments(0));
            case BUFFER_READ -> concrete.and(named("read")).and(returns(int.class)).and(takesArguments(1))
                    .and(takesArgument(0, java.nio.ByteBuffer.class));
            case AVAILABLE -> concrete.and(named("available")).and(returns(int.class)).and(takesArguments(0));
            case IS_FINISHED -> concrete.and(named("isFinished")).and(returns(boolean.class)).and(takesArguments(0));
            case IS_READY -> concrete.and(named("isReady")).and(returns(boolean.class)).and(takesArguments(0));
            case SET_READ_LISTENER -> concrete.and(named("setReadListener")).and(takesArguments(1))
                    .and(takesArgument(0, named(api.type("ReadListener"))));
        };
    }

    @Override
    public Class<?> adviceClass() {
        return method.advice;
    }
}
