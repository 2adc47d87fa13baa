package io.bulwark.instrumentation.jdbc;

import io.bulwark.instrumentation.HookCode;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;

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
    public MethodRule methods() {
        return MethodRule.named("next").takes().returns("Z").instanceOnly();
    }

    @Override
    public HookCode code() {
        return JdbcHookCode.ROW;
    }
}
