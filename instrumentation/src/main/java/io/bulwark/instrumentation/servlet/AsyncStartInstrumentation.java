package io.bulwark.instrumentation.servlet;

import io.bulwark.instrumentation.ClassLoaderHasType;
import io.bulwark.instrumentation.HookCode;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.function.Predicate;

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
    public String concreteSubtypeOf() {
        return api.type("ServletRequest");
    }

    @Override
    public Predicate<ClassLoader> classLoaderRule() {
        return new ClassLoaderHasType(api.type("ServletRequest"));
    }

    @Override
    public MethodRule methods() {
        return MethodRule.named("startAsync").returns(api.descriptor("AsyncContext"));
    }

    @Override
    public HookCode code() {
        return ServletHookCode.ASYNC_STARTED;
    }
}
