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
 * {@code AsyncContext.start(Runnable)}: the container runs the task on a thread of its own, where the serving
 * thread's request state is not; the task is swapped for one that carries it.
 */
public final class AsyncContextStartInstrumentation implements TypeInstrumentation {

    private final ServletApi api;

    public AsyncContextStartInstrumentation(ServletApi api) {
        this.api = api;
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return new ClassLoaderHasType(api.type("AsyncContext"));
    }

    @Override
    public String concreteSubtypeOf() {
        return api.type("AsyncContext");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return not(isInterface()).and(hasSuperType(named(api.type("AsyncContext"))));
    }

    @Override
    public Set<String> methodNames() {
        return Set.of("start");
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        return named("start").and(not(isAbstract())).and(takesArguments(1))
                .and(takesArgument(0, Runnable.class));
    }

    @Override
    public Class<?> adviceClass() {
        return AsyncTaskAdvice.class;
    }
}
