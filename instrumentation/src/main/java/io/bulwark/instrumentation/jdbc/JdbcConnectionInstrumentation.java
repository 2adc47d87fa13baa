package io.bulwark.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Connection.prepareStatement}, {@code prepareCall} and {@code nativeSQL}: a prepared statement's text is
 * checked once, when it is prepared; its bound values never appear in the text, so they cannot change structure.
 */
public final class JdbcConnectionInstrumentation implements TypeInstrumentation {

    @Override
    public String concreteSubtypeOf() {
        return "java.sql.Connection";
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return not(isInterface()).and(hasSuperType(named("java.sql.Connection")));
    }

    @Override
    public Set<String> methodNames() {
        return Set.of("prepareStatement", "prepareCall", "nativeSQL");
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        return namedOneOf("prepareStatement", "prepareCall", "nativeSQL")
                .and(not(isAbstract())).and(not(isStatic()))
                .and(takesArgument(0, String.class));
    }

    @Override
    public Class<?> adviceClass() {
        return JdbcSinkAdvice.class;
    }
}
