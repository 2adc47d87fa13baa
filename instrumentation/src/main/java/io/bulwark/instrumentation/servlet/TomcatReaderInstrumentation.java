package io.bulwark.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.bulwark.instrumentation.ClassLoaderHasType;
import io.bulwark.instrumentation.TypeInstrumentation;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Tomcat's {@code getReader()}: unlike Jetty's, it decodes from the connector's input buffer beneath
 * {@code CoyoteInputStream}, so the stream hooks alone would not show the app a saved body through it. One class
 * serves Tomcat 9 (javax) and 10+ (jakarta); the facade and the app's wrappers delegate to it.
 */
public final class TomcatReaderInstrumentation implements TypeInstrumentation {

    static final String TOMCAT_REQUEST = "org.apache.catalina.connector.Request";

    private final ServletApi api;

    public TomcatReaderInstrumentation(ServletApi api) {
        this.api = api;
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return new ClassLoaderHasType(api.type("ServletRequest"));
    }

    @Override
    public String namedType() {
        return TOMCAT_REQUEST;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(TOMCAT_REQUEST);
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        return named("getReader").and(takesArguments(0)).and(returns(named("java.io.BufferedReader")));
    }

    @Override
    public Class<?> adviceClass() {
        return BodyReaderAdvice.class;
    }
}
