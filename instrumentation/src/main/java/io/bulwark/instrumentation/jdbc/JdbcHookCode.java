package io.bulwark.instrumentation.jdbc;

import static io.bulwark.instrumentation.HookCode.Value.METHOD_NAME;
import static io.bulwark.instrumentation.HookCode.Value.RETURN;
import static io.bulwark.instrumentation.HookCode.Value.THIS;
import static io.bulwark.instrumentation.HookCode.Value.THROWN;
import static io.bulwark.instrumentation.HookCode.Value.argument;

import io.bulwark.instrumentation.HookCode;

/** What the JDBC hooks add to drivers' and pools' methods. */
final class JdbcHookCode {

    /**
     * Every method that takes SQL text. Enter and exit always pair (the bridge undoes its own count when it
     * blocks), so the call depth tells the outermost sink apart from a pool's delegation to its driver.
     */
    static final HookCode SQL_SINK = HookCode.enter("sqlEnter",
                    "(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/String;)V", THIS, argument(0), METHOD_NAME)
            .exitEvenOnThrow("sqlExit", "()V");

    /** {@code ResultSet.next()}: a row reached the app (counted once however many wrappers pass it on). */
    static final HookCode ROW = HookCode.enter("rowEnter", "()V")
            .exitEvenOnThrow("rowExit", "(ZLjava/lang/Throwable;)V", RETURN, THROWN);

    private JdbcHookCode() {
    }
}
