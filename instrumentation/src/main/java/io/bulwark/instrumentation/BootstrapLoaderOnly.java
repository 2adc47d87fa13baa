package io.bulwark.instrumentation;

import java.util.function.Predicate;

/** The JDK's own classes: hooks on them never apply to a class of the same name in another loader. */
public final class BootstrapLoaderOnly implements Predicate<ClassLoader> {

    public static final BootstrapLoaderOnly INSTANCE = new BootstrapLoaderOnly();

    private BootstrapLoaderOnly() {
    }

    @Override
    public boolean test(ClassLoader loader) {
        return loader == null;
    }
}
