package io.bulwark.instrumentation.servlet;

import io.bulwark.instrumentation.ClassLoaderHasType;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.nio.ByteBuffer;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Response body bytes at the container's {@code ServletOutputStream}: each {@code write} overload gets its own
 * advice, since each finds its byte count in a different argument. Jetty's {@code getWriter()} encodes into its
 * {@code HttpOutput}, so text responses pass here too; Tomcat's writer goes straight to its output buffer and is not
 * counted (a known gap).
 */
public final class ResponseOutputInstrumentation implements TypeInstrumentation {

    /** The overloads, each with the advice that knows where its length is. */
    enum Overload {
        RANGE(ResponseWriteRangeAdvice.class),
        ARRAY(ResponseWriteArrayAdvice.class),
        SINGLE_BYTE(ResponseWriteByteAdvice.class),
        BUFFER(ResponseWriteBufferAdvice.class);

        final Class<?> advice;

        Overload(Class<?> advice) {
            this.advice = advice;
        }
    }

    private final ServletApi api;
    private final Overload overload;

    ResponseOutputInstrumentation(ServletApi api, Overload overload) {
        this.api = api;
        this.overload = overload;
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return new ClassLoaderHasType(api.type("ServletOutputStream"));
    }

    @Override
    public String concreteSubtypeOf() {
        return api.type("ServletOutputStream");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return not(isInterface()).and(hasSuperType(named(api.type("ServletOutputStream"))));
    }

    @Override
    public Set<String> methodNames() {
        return Set.of("write");
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        ElementMatcher.Junction<MethodDescription> write = named("write").and(not(isAbstract()))
                .and(returns(void.class));
        return switch (overload) {
            case RANGE -> write.and(takesArguments(3)).and(takesArgument(0, byte[].class))
                    .and(takesArgument(1, int.class)).and(takesArgument(2, int.class));
            case ARRAY -> write.and(takesArguments(1)).and(takesArgument(0, byte[].class));
            case SINGLE_BYTE -> write.and(takesArguments(1)).and(takesArgument(0, int.class));
            case BUFFER -> write.and(takesArguments(1)).and(takesArgument(0, ByteBuffer.class));
        };
    }

    @Override
    public Class<?> adviceClass() {
        return overload.advice;
    }
}
