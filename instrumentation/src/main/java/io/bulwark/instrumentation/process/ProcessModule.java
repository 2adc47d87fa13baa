package io.bulwark.instrumentation.process;

import io.bulwark.instrumentation.InstrumentationModule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.List;

/** Process start: the shell sink. */
public final class ProcessModule implements InstrumentationModule {

    @Override
    public String name() {
        return "process";
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new ProcessImplInstrumentation());
    }
}
