package io.bulwark.instrumentation.servlet;

import io.bulwark.instrumentation.ClassLoaderHasType;
import io.bulwark.instrumentation.HookCode;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.function.Predicate;

/**
 * {@code getReader()} on every concrete {@code ServletRequest}: after the agent read a body at entry through the
 * stream, containers refuse the reader, and Tomcat's would not read through the stream anyway. Wrappers delegate to
 * the container's request, which already answers, so the advice does nothing there.
 */
public final class RequestReaderInstrumentation implements TypeInstrumentation {

    private final ServletApi api;

    public RequestReaderInstrumentation(ServletApi api) {
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
        return MethodRule.named("getReader").takes().returns("Ljava/io/BufferedReader;");
    }

    @Override
    public HookCode code() {
        return ServletHookCode.GET_READER;
    }
}
