package io.bulwark.instrumentation.jdbc;

import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code ResultSet.next()} on any driver: the one call every way of reading rows passes through (JdbcTemplate,
 * JPA providers and plain loops alike), so counting it counts the rows a request takes out of the database.
 */
public final class ResultSetInstrumentation implements TypeInstrumentation {

    @Override
    public String concreteSubtypeOf() {
        return "java.sql.ResultSet";
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return not(isInterface()).and(hasSuperType(named("java.sql.ResultSet")));
    }

    @Override
    public Set<String> methodNames() {
        return Set.of("next");
    }

    @Override
    public ElementMatcher<MethodDescription> methodMatcher() {
        return named("next").and(takesArguments(0)).and(returns(boolean.class))
                .and(not(isAbstract())).and(not(isStatic()));
    }

    @Override
    public Class<?> adviceClass() {
        return ResultSetNextAdvice.class;
    }
}
