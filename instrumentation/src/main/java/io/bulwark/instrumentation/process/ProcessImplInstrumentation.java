package io.bulwark.instrumentation.process;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.bulwark.instrumentation.TypeInstrumentation;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * {@code java.lang.ProcessImpl.start(String[], ...)}: {@code Runtime.exec}, {@code ProcessBuilder.start} and
 * {@code ProcessBuilder.startPipeline} all end here, so hooking {@code ProcessBuilder.start} alone would miss
 * pipelines. A JDK class owned by the bootstrap loader: the installer retransforms it if it is already loaded.
 */
public final class ProcessImplInstrumentation implements TypeInstrumentation {

    public static final String TYPE = "java.lang.ProcessImpl";

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return ElementMatchers.isBootstrapClassLoader();
    }

    @Override
    public String namedType() {
        return TYPE;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(TYPE);
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        return named("start").and(isStatic()).and(takesArgument(0, String[].class));
    }

    @Override
    public Class<?> adviceClass() {
        return ProcessStartAdvice.class;
    }
}
