package io.bulwark.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.bulwark.instrumentation.ClassLoaderHasType;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Filter.doFilter(ServletRequest, ServletResponse, FilterChain)}: in most stacks a filter, not the servlet,
 * is the request's first app code, so entry checks must run here or a filter would see unchecked requests.
 */
public final class FilterInstrumentation implements TypeInstrumentation {

    private final ServletApi api;

    public FilterInstrumentation(ServletApi api) {
        this.api = api;
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return new ClassLoaderHasType(api.type("Filter"));
    }

    @Override
    public String concreteSubtypeOf() {
        return api.type("Filter");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return not(isInterface()).and(hasSuperType(named(api.type("Filter"))));
    }

    @Override
    public Set<String> methodNames() {
        return Set.of("doFilter");
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        return named("doFilter").and(not(isAbstract())).and(takesArguments(3))
                .and(takesArgument(0, named(api.type("ServletRequest"))))
                .and(takesArgument(1, named(api.type("ServletResponse"))))
                .and(takesArgument(2, named(api.type("FilterChain"))));
    }

    @Override
    public Class<?> adviceClass() {
        return ServletEntryAdvice.class;
    }
}
