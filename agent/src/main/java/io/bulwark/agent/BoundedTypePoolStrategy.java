package io.bulwark.agent;

import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.Map;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Type descriptions shared across transformations. Matching "is this a Servlet? a Statement?" walks each loaded
 * class's supertypes; without a shared cache every walk re-reads the same class files, which cost the demo seconds
 * of start-up. The cache is one bounded LRU for all class loaders: memory stays bounded however many classes an app
 * loads, and an undeployed web app's loader is released once its entries age out.
 */
final class BoundedTypePoolStrategy implements AgentBuilder.PoolStrategy {

    static final int MAX_ENTRIES = 16_384;

    private final Map<Key, TypePool.Resolution> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, TypePool.Resolution> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    @Override
    public TypePool typePool(ClassFileLocator locator, ClassLoader loader) {
        return new TypePool.Default.WithLazyResolution(new View(loader), locator, TypePool.Default.ReaderMode.FAST);
    }

    @Override
    public TypePool typePool(ClassFileLocator locator, ClassLoader loader, String name) {
        return typePool(locator, loader);
    }

    int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    /** One loader's window onto the shared cache. */
    private final class View implements TypePool.CacheProvider {
        private final WeakReference<ClassLoader> loader;
        private final int loaderHash;

        View(ClassLoader loader) {
            this.loader = new WeakReference<>(loader);
            this.loaderHash = System.identityHashCode(loader);
        }

        @Override
        public TypePool.Resolution find(String name) {
            synchronized (cache) {
                return cache.get(new Key(loader, loaderHash, name));
            }
        }

        @Override
        public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
            synchronized (cache) {
                TypePool.Resolution known = cache.putIfAbsent(new Key(loader, loaderHash, name), resolution);
                return known == null ? resolution : known;
            }
        }

        @Override
        public void clear() {
            // shared: one pool's clear must not drop what other transformations still use
        }
    }

    /** A class name as one loader sees it; the loader is held weakly and compared by identity. */
    private static final class Key {
        private final WeakReference<ClassLoader> loader;
        private final int loaderHash;
        private final String name;

        Key(WeakReference<ClassLoader> loader, int loaderHash, String name) {
            this.loader = loader;
            this.loaderHash = loaderHash;
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Key key)) {
                return false;
            }
            return loaderHash == key.loaderHash && name.equals(key.name) && loader.get() == key.loader.get();
        }

        @Override
        public int hashCode() {
            return 31 * loaderHash + name.hashCode();
        }
    }
}
