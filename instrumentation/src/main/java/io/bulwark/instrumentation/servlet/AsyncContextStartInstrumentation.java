package io.bulwark.instrumentation.servlet;

import io.bulwark.instrumentation.ClassLoaderHasType;
import io.bulwark.instrumentation.HookCode;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.function.Predicate;

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
    public String concreteSubtypeOf() {
        return api.type("AsyncContext");
    }

    @Override
    public Predicate<ClassLoader> classLoaderRule() {
        return new ClassLoaderHasType(api.type("AsyncContext"));
    }

    @Override
    public MethodRule methods() {
        return MethodRule.named("start").takes("Ljava/lang/Runnable;");
    }

    @Override
    public HookCode code() {
        return ServletHookCode.ASYNC_TASK;
    }
}
