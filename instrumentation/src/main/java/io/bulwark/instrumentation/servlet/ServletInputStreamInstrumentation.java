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
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The request body as the app reads it, byte for byte unchanged for the app: the agent only copies what passes, so
 * it never consumes a body the app has not asked for, and JSON fields become inputs only if the app read them.
 */
public final class ServletInputStreamInstrumentation implements TypeInstrumentation {

    private final ServletApi api;
    private final boolean singleByte;

    private ServletInputStreamInstrumentation(ServletApi api, boolean singleByte) {
        this.api = api;
        this.singleByte = singleByte;
    }

    static ServletInputStreamInstrumentation arrayReads(ServletApi api) {
        return new ServletInputStreamInstrumentation(api, false);
    }

    static ServletInputStreamInstrumentation singleByteReads(ServletApi api) {
        return new ServletInputStreamInstrumentation(api, true);
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
    public ElementMatcher<MethodDescription> methodMatcher() {
        ElementMatcher.Junction<MethodDescription> read = named("read").and(not(isAbstract())).and(returns(int.class));
        return singleByte
                ? read.and(takesArguments(0))
                : read.and(takesArguments(3)).and(takesArgument(0, byte[].class))
                        .and(takesArgument(1, int.class)).and(takesArgument(2, int.class));
    }

    @Override
    public Class<?> adviceClass() {
        return singleByte ? BodyReadByteAdvice.class : BodyReadAdvice.class;
    }
}
