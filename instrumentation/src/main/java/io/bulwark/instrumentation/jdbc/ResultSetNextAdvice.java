package io.bulwark.instrumentation.jdbc;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ResultSet.next()}. Enter and exit always pair, so the call depth tells the outermost call
 * apart from a pool wrapper's delegation to the driver's result set.
 */
public final class ResultSetNextAdvice {

    private ResultSetNextAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter() {
        Bridge.rowEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Return boolean hasRow, @Advice.Thrown Throwable thrown) {
        Bridge.rowExit(thrown == null && hasRow);
    }
}
