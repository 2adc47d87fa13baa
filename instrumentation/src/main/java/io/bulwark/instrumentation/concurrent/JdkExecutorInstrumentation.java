package io.bulwark.instrumentation.concurrent;

import io.bulwark.instrumentation.BootstrapLoaderOnly;
import io.bulwark.instrumentation.HookCode;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.function.Predicate;

/**
 * One method group of one JDK executor class. These classes are owned by the bootstrap loader and loaded long before
 * the agent, so the installer retransforms them, advice only, as it does {@code ProcessImpl}.
 */
final class JdkExecutorInstrumentation implements TypeInstrumentation {

    private final String type;
    private final MethodRule methods;
    private final HookCode code;

    JdkExecutorInstrumentation(String type, MethodRule methods, HookCode code) {
        this.type = type;
        this.methods = methods;
        this.code = code;
    }

    @Override
    public String namedType() {
        return type;
    }

    @Override
    public Predicate<ClassLoader> classLoaderRule() {
        return BootstrapLoaderOnly.INSTANCE;
    }

    @Override
    public MethodRule methods() {
        return methods;
    }

    @Override
    public HookCode code() {
        return code;
    }
}
