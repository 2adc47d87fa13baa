package io.bulwark.instrumentation;

import java.util.function.Predicate;

/**
 * Which types one hook goes into, onto which of their methods, and what it adds there. Every rule here is judged
 * from class-file headers and method descriptors, so deciding costs no class loading.
 */
public interface TypeInstrumentation extends HookWeaver.Hook {

    /**
     * A cheap check run before anything else: skip whole class loaders that cannot see the API at all. Null for
     * any loader.
     */
    default Predicate<ClassLoader> classLoaderRule() {
        return null;
    }

    /**
     * For hooks on every concrete implementation of an API type: its binary name. The installer matches from
     * class-file headers ({@link SuperTypeIndex}). Null for hooks on one named class.
     */
    default String concreteSubtypeOf() {
        return null;
    }

    /** For hooks on one named class: its binary name, matched by name alone. Null otherwise. */
    default String namedType() {
        return null;
    }

    @Override
    MethodRule methods();

    @Override
    HookCode code();
}
