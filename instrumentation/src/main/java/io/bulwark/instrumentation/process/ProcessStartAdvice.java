package io.bulwark.instrumentation.process;

import io.bulwark.bootstrap.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code java.lang.ProcessImpl.start}; a block throws before the process exists. */
public final class ProcessStartAdvice {

    private ProcessStartAdvice() {
    }

    @Advice.OnMethodEnter
    public static void enter(@Advice.Argument(0) String[] command) {
        Bridge.processStart(command);
    }
}
