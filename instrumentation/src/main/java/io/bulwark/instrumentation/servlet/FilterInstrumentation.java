package io.bulwark.instrumentation.servlet;

import io.bulwark.instrumentation.ClassLoaderHasType;
import io.bulwark.instrumentation.HookCode;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.function.Predicate;

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
    public String concreteSubtypeOf() {
        return api.type("Filter");
    }

    @Override
    public Predicate<ClassLoader> classLoaderRule() {
        return new ClassLoaderHasType(api.type("Filter"));
    }

    @Override
    public MethodRule methods() {
        return MethodRule.named("doFilter").takes(api.descriptor("ServletRequest"), api.descriptor("ServletResponse"),
                api.descriptor("FilterChain"));
    }

    @Override
    public HookCode code() {
        return ServletHookCode.ENTRY;
    }
}
