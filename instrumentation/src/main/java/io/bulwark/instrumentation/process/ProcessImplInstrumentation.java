package io.bulwark.instrumentation.process;

import io.bulwark.instrumentation.BootstrapLoaderOnly;
import io.bulwark.instrumentation.HookCode;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.function.Predicate;

/**
 * {@code java.lang.ProcessImpl.start(String[], ...)}: {@code Runtime.exec}, {@code ProcessBuilder.start} and
 * {@code ProcessBuilder.startPipeline} all end here, so hooking {@code ProcessBuilder.start} alone would miss
 * pipelines. A JDK class owned by the bootstrap loader: the installer retransforms it if it is already loaded.
 */
public final class ProcessImplInstrumentation implements TypeInstrumentation {

    public static final String TYPE = "java.lang.ProcessImpl";

    @Override
    public String namedType() {
        return TYPE;
    }

    @Override
    public Predicate<ClassLoader> classLoaderRule() {
        return BootstrapLoaderOnly.INSTANCE;
    }

    @Override
    public MethodRule methods() {
        return MethodRule.named("start").staticOnly().firstTakes("[Ljava/lang/String;");
    }

    @Override
    public HookCode code() {
        return HookCode.enter("processStart", "([Ljava/lang/String;)V", HookCode.Value.argument(0));
    }
}
