package io.bulwark.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Answers "is this class a concrete subtype of X?" from class-file headers alone. Byte Buddy's general matchers
 * parse every supertype's fields, methods and generic signatures; for the thousands of classes an app loads at start
 * that parsing cost seconds. A header holds all this needs (access flags, superclass, interfaces), and each type's
 * answer is built from its direct supertypes' memoised answers, so a class costs a few map lookups.
 *
 * <p>Memory is bounded: one LRU of {@link #MAX_ENTRIES} types for all loaders, loaders held weakly.
 */
public final class SuperTypeIndex {

    static final int MAX_ENTRIES = 16_384;
    private static final int MAX_DEPTH = 64;

    /** What the index knows of one type: whether it is a class (not an interface), and all its supertypes. */
    private record Info(boolean concrete, String superName, Set<String> superTypes) {
        static final Info UNKNOWN = new Info(false, null, Set.of());
    }

    /** A class file's header: enough to place the type in its hierarchy. */
    private record Header(int access, String superName, String[] interfaces) {
        static Header of(byte[] classFile) {
            ClassReader reader = new ClassReader(classFile);
            return new Header(reader.getAccess(), reader.getSuperName(), reader.getInterfaces());
        }
    }

    private final Map<Key, Info> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Info> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Superclasses that declare an API's methods without implementing it (see {@link #isAncestorOfSubtype}). */
    private final Map<Key, Boolean> ancestors = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
            return size() > 4096;
        }
    };

    /** Headers of classes being defined right now, seen by {@link #record}; consumed when first asked about. */
    private final Map<Key, Header> pending = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Header> eldest) {
            return size() > 1024;
        }
    };

    /**
     * Notes the header of a class as it is being defined, from the bytes the JVM hands to transformers: the type
     * about to be matched is then known without reading its class file again.
     */
    public void record(ClassLoader loader, String internalName, byte[] classFile) {
        if (internalName == null || classFile == null) {
            return;
        }
        Header header;
        try {
            header = Header.of(classFile);
        } catch (RuntimeException malformed) {
            return;
        }
        synchronized (cache) {
            pending.put(new Key(loader, internalName.replace('/', '.')), header);
        }
    }

    /**
     * True when {@code className}, as {@code loader} defines it, is a class (abstract or not) that extends or implements
     * {@code superType} (a binary name such as {@code jakarta.servlet.Servlet}). Null when the class file cannot be
     * read (a generated class): the caller then falls back to a slower matcher.
     */
    public Boolean isConcreteSubtype(ClassLoader loader, String className, String superType) {
        Info info = info(loader, className, 0);
        if (info == Info.UNKNOWN) {
            return null;
        }
        boolean subtype = info.concrete() && info.superTypes().contains(superType);
        if (subtype) {
            rememberAncestors(loader, info, superType);
        }
        return subtype;
    }

    /**
     * True when {@code className} does not itself implement {@code superType} but is the superclass of a class that
     * does, seen earlier. A subclass is defined before its superclass is loaded, so the ancestor is known in time.
     * Drivers declare their JDBC methods in such bases (xerial SQLite's {@code JDBC3Statement} implements no
     * {@code Statement}; its subclass {@code JDBC4Statement} does and inherits every execute method).
     */
    public boolean isAncestorOfSubtype(ClassLoader loader, String className, String superType) {
        synchronized (cache) {
            return ancestors.containsKey(new Key(loader, superType + "<" + className));
        }
    }

    private void rememberAncestors(ClassLoader loader, Info info, String superType) {
        String ancestor = info.superName();
        for (int depth = 0; ancestor != null && !ancestor.equals("java.lang.Object") && depth < MAX_DEPTH; depth++) {
            Info above = info(loader, ancestor, 0);
            if (above == Info.UNKNOWN || above.superTypes().contains(superType)) {
                return; // it implements the type itself, so the ordinary match covers it and what is above
            }
            synchronized (cache) {
                ancestors.put(new Key(loader, superType + "<" + ancestor), Boolean.TRUE);
            }
            ancestor = above.superName();
        }
    }

    private Info info(ClassLoader loader, String className, int depth) {
        Key key = new Key(loader, className);
        Info known;
        synchronized (cache) {
            known = cache.get(key);
        }
        if (known != null) {
            return known;
        }
        Info computed = read(loader, className, depth);
        synchronized (cache) {
            cache.put(key, computed);
        }
        return computed;
    }

    private Info read(ClassLoader loader, String className, int depth) {
        if (depth > MAX_DEPTH || className.equals("java.lang.Object")) {
            return new Info(false, null, Set.of());
        }
        Header header;
        synchronized (cache) {
            header = pending.remove(new Key(loader, className));
        }
        if (header == null) {
            byte[] bytes = classFile(loader, className);
            if (bytes == null) {
                return Info.UNKNOWN;
            }
            try {
                header = Header.of(bytes);
            } catch (RuntimeException malformed) {
                return Info.UNKNOWN;
            }
        }
        int access = header.access();
        // abstract classes count: HttpServlet is abstract, and its service(...) is the method every servlet inherits
        boolean concrete = (access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ANNOTATION)) == 0;
        Set<String> supers = new HashSet<>();
        String superName = header.superName();
        if (superName != null) {
            addWithSupers(supers, loader, superName.replace('/', '.'), depth);
        }
        for (String iface : header.interfaces()) {
            addWithSupers(supers, loader, iface.replace('/', '.'), depth);
        }
        return new Info(concrete, superName == null ? null : superName.replace('/', '.'), Set.copyOf(supers));
    }

    private void addWithSupers(Set<String> supers, ClassLoader loader, String type, int depth) {
        supers.add(type);
        if (!type.equals("java.lang.Object")) {
            supers.addAll(info(loader, type, depth + 1).superTypes());
        }
    }

    private static byte[] classFile(ClassLoader loader, String className) {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** A type name as one loader sees it; the loader is held weakly and compared by identity. */
    private static final class Key {
        private final WeakReference<ClassLoader> loader;
        private final int loaderHash;
        private final String name;

        Key(ClassLoader loader, String name) {
            this.loader = new WeakReference<>(loader);
            this.loaderHash = System.identityHashCode(loader);
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && loaderHash == key.loaderHash && name.equals(key.name)
                    && loader.get() == key.loader.get();
        }

        @Override
        public int hashCode() {
            return 31 * loaderHash + name.hashCode();
        }
    }
}
