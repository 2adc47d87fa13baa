package io.bulwark.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import io.bulwark.instrumentation.ClassLoaderHasType;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ServletRequest.startAsync()} (both forms) on every request class: from here on the request outlives its
 * serving thread, so the agent must learn when the async cycle ends to close the request's state then.
 */
public final class AsyncStartInstrumentation implements TypeInstrumentation {

    private final ServletApi api;

    public AsyncStartInstrumentation(ServletApi api) {
        this.api = api;
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return new ClassLoaderHasType(api.type("AsyncContext"));
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
        return Set.of("startAsync");
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        return named("startAsync").and(not(isAbstract())).and(returns(named(api.type("AsyncContext"))));
    }

    @Override
    public Class<?> adviceClass() {
        return AsyncStartAdvice.class;
    }
}
