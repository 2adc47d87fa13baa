package io.bulwark.instrumentation.servlet;

import io.bulwark.instrumentation.ClassLoaderHasType;
import io.bulwark.instrumentation.HookCode;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.function.Predicate;

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
    public String concreteSubtypeOf() {
        return api.type("http.HttpServletRequest");
    }

    @Override
    public Predicate<ClassLoader> classLoaderRule() {
        return new ClassLoaderHasType(api.type("http.HttpServletRequest"));
    }

    @Override
    public MethodRule methods() {
        return MethodRule.named("getUserPrincipal").takes().returns("Ljava/security/Principal;");
    }

    @Override
    public HookCode code() {
        return ServletHookCode.USER_PRINCIPAL;
    }
}
