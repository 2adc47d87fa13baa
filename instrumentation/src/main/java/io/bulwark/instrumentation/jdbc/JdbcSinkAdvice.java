package io.bulwark.instrumentation.jdbc;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every JDBC method that takes SQL text. Enter and exit always pair (the bridge undoes its own count
 * when it blocks), so the call depth tells the outermost sink apart from a pool's delegation to its driver.
 */
public final class JdbcSinkAdvice {

    private JdbcSinkAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object jdbcObject,
                             @Advice.Argument(0) String sql,
                             @Advice.Origin("#m") String method) {
        Bridge.sqlEnter(jdbcObject, sql, method);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit() {
        Bridge.sqlExit();
    }
}
