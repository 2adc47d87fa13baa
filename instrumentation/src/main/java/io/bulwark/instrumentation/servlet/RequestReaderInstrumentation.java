package io.bulwark.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.bulwark.instrumentation.ClassLoaderHasType;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code getReader()} on every concrete {@code ServletRequest}: after the agent read a body at entry through the
 * stream, containers refuse the reader, and Tomcat's would not read through the stream anyway. Wrappers delegate to
 * the container's request, which already answers, so the advice does nothing there.
 */
public final class RequestReaderInstrumentation implements TypeInstrumentation {

    private final ServletApi api;

    public RequestReaderInstrumentation(ServletApi api) {
        this.api = api;
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return new ClassLoaderHasType(api.type("ServletRequest"));
    }

    @Override
    public String concreteSubtypeOf() {
        return api.type("ServletRequest");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return not(isInterface()).and(hasSuperType(named(api.type("ServletRequest"))));
    }

    @Override
    public Set<String> methodNames() {
        return Set.of("getReader");
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        return named("getReader").and(not(isAbstract())).and(takesArguments(0))
                .and(returns(named("java.io.BufferedReader")));
    }

    @Override
    public Class<?> adviceClass() {
        return BodyReaderAdvice.class;
    }
}
