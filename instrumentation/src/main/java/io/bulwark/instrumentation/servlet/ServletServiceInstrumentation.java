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

/** {@code Servlet.service(ServletRequest, ServletResponse)} on every servlet class. */
public final class ServletServiceInstrumentation implements TypeInstrumentation {

    private final ServletApi api;

    public ServletServiceInstrumentation(ServletApi api) {
        this.api = api;
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return new ClassLoaderHasType(api.type("Servlet"));
    }

    @Override
    public String concreteSubtypeOf() {
        return api.type("Servlet");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return not(isInterface()).and(hasSuperType(named(api.type("Servlet"))));
    }

    @Override
    public Set<String> methodNames() {
        return Set.of("service");
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        return named("service").and(not(isAbstract())).and(takesArguments(2))
                .and(takesArgument(0, named(api.type("ServletRequest"))))
                .and(takesArgument(1, named(api.type("ServletResponse"))));
    }

    @Override
    public Class<?> adviceClass() {
        return ServletEntryAdvice.class;
    }
}
