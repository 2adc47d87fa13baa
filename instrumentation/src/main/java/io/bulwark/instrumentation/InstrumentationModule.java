package io.bulwark.instrumentation;

import java.util.List;

/**
 * A group of hooks a user can switch off by name in the policy ({@code instrumentation.disabled}). Modules are found
 * through {@code META-INF/services}, so adding one never touches the installer.
 */
public interface InstrumentationModule {

    /** The name users write in {@code instrumentation.disabled}: {@code servlet}, {@code jdbc}, {@code process}. */
    String name();

    List<TypeInstrumentation> typeInstrumentations();
}
