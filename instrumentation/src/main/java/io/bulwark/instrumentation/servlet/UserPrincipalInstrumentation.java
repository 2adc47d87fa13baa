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
 * {@code getUserPrincipal()} on every concrete {@code HttpServletRequest}: the container's request and the app's
 * wrappers alike. A wrapper delegates to the request it wraps, which already answers, so the advice is a no-op there.
 */
public final class UserPrincipalInstrumentation implements TypeInstrumentation {

    private final ServletApi api;

    public UserPrincipalInstrumentation(ServletApi api) {
        this.api = api;
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return new ClassLoaderHasType(api.type("http.HttpServletRequest"));
    }

    @Override
    public String concreteSubtypeOf() {
        return api.type("http.HttpServletRequest");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return not(isInterface()).and(hasSuperType(named(api.type("http.HttpServletRequest"))));
    }

    @Override
    public Set<String> methodNames() {
        return Set.of("getUserPrincipal");
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        return named("getUserPrincipal").and(not(isAbstract())).and(takesArguments(0))
                .and(returns(named("java.security.Principal")));
    }

    @Override
    public Class<?> adviceClass() {
        return UserPrincipalAdvice.class;
    }
}
