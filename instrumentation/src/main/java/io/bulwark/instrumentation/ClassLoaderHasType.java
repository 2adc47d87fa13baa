package io.bulwark.instrumentation;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * Matches class loaders that can see a given class file, remembering the answer per loader (weakly: loaders of
 * undeployed web apps must be collectable). The bootstrap loader (null) sees no servlet API.
 */
public final class ClassLoaderHasType implements Predicate<ClassLoader> {

    private final String resource;
    private final Map<ClassLoader, Boolean> answers = Collections.synchronizedMap(new WeakHashMap<>());

    public ClassLoaderHasType(String className) {
        this.resource = className.replace('.', '/') + ".class";
    }

    @Override
    public boolean test(ClassLoader loader) {
        if (loader == null) {
            return false;
        }
        Boolean known = answers.get(loader);
        if (known == null) {
            known = loader.getResource(resource) != null;
            answers.put(loader, known);
        }
        return known;
    }
}
