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

/** {@code Statement.execute*}, {@code executeLargeUpdate} and {@code addBatch} with SQL text, on any driver. */
public final class JdbcStatementInstrumentation implements TypeInstrumentation {

    @Override
    public String concreteSubtypeOf() {
        return "java.sql.Statement";
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return not(isInterface()).and(hasSuperType(named("java.sql.Statement")));
    }

    @Override
    public Set<String> methodNames() {
        return Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        return namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch")
                .and(not(isAbstract())).and(not(isStatic()))
                .and(takesArgument(0, String.class));
    }

    @Override
    public Class<?> adviceClass() {
        return JdbcSinkAdvice.class;
    }
}
