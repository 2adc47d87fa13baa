package io.bulwark.instrumentation.jdbc;

import io.bulwark.instrumentation.HookCode;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;

/** {@code Statement.execute*}, {@code executeLargeUpdate} and {@code addBatch} with SQL text, on any driver. */
public final class JdbcStatementInstrumentation implements TypeInstrumentation {

    @Override
    public String concreteSubtypeOf() {
        return "java.sql.Statement";
    }

    @Override
    public MethodRule methods() {
        return MethodRule.named("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch")
                .instanceOnly().firstTakes("Ljava/lang/String;");
    }

    @Override
    public HookCode code() {
        return JdbcHookCode.SQL_SINK;
    }
}
