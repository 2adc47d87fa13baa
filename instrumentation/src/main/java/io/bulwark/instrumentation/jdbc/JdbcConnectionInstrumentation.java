package io.bulwark.instrumentation.jdbc;

import io.bulwark.instrumentation.HookCode;
import io.bulwark.instrumentation.MethodRule;
import io.bulwark.instrumentation.TypeInstrumentation;

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
    public MethodRule methods() {
        return MethodRule.named("prepareStatement", "prepareCall", "nativeSQL").instanceOnly()
                .firstTakes("Ljava/lang/String;");
    }

    @Override
    public HookCode code() {
        return JdbcHookCode.SQL_SINK;
    }
}
