package io.bulwark.instrumentation.concurrent;

import static net.bytebuddy.matcher.ElementMatchers.named;

import io.bulwark.instrumentation.TypeInstrumentation;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * One method group of one JDK executor class. These classes are owned by the bootstrap loader and loaded long before
 * the agent, so the installer retransforms them, advice only, as it does {@code ProcessImpl}.
 */
final class JdkExecutorInstrumentation implements TypeInstrumentation {

    private final String type;
    private final ElementMatcher<MethodDescription> methods;
    private final Class<?> advice;

    JdkExecutorInstrumentation(String type, ElementMatcher<MethodDescription> methods, Class<?> advice) {
        this.type = type;
        this.methods = methods;
        this.advice = advice;
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return ElementMatchers.isBootstrapClassLoader();
    }

    @Override
    public String namedType() {
        return type;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(type);
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        return methods;
    }

    @Override
    public Class<?> adviceClass() {
        return advice;
    }
}
