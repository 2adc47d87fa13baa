package io.bulwark.instrumentation.servlet;

import io.bulwark.instrumentation.ClassLoaderHasType;
import io.bulwark.instrumentation.HookCode;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.function.Predicate;

/** {@code Servlet.service(ServletRequest, ServletResponse)} on every servlet class. */
public final class ServletServiceInstrumentation implements TypeInstrumentation {

    private final ServletApi api;

    public ServletServiceInstrumentation(ServletApi api) {
        this.api = api;
    }

    @Override
    public String concreteSubtypeOf() {
        return api.type("Servlet");
    }

    @Override
    public Predicate<ClassLoader> classLoaderRule() {
        return new ClassLoaderHasType(api.type("Servlet"));
    }

    @Override
    public MethodRule methods() {
        return MethodRule.named("service").takes(api.descriptor("ServletRequest"), api.descriptor("ServletResponse"));
    }

    @Override
    public HookCode code() {
        return ServletHookCode.ENTRY;
    }
}
