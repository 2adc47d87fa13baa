package io.bulwark.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.security.ProtectionDomain;
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
 * <p>A class is transformed before its supertypes are loaded, so they are often unknown when it is asked about, and
 * their class files are read as resources. JDK types are not: core ones ({@link #isCoreJdk}) extend nothing the
 * agent hooks, and the others (java.sql, javax.sql, javax.naming...) are placed from the platform class loader's
 * classes, whose loading no hook waits for. (Loading an app's type here instead would be wrong: the JVM does not
 * pass a class loaded inside a transformation to the transformers, so a supertype that needs hooks would miss them.)
 *
 * <p>Memory is bounded: one LRU of {@link #MAX_ENTRIES} types for all loaders, loaders held weakly.
 */
public final class SuperTypeIndex {

    static final int MAX_ENTRIES = 16_384;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_ANCESTORS = 4096;

    /** What the index knows of one type: whether it is a class (not an interface), and all its supertypes. */
    private record Info(boolean concrete, String superName, Set<String> superTypes) {
        static final Info UNKNOWN = new Info(false, null, Set.of());
        /** A core JDK type: it extends nothing the agent hooks (see {@link #isCoreJdk}). */
        static final Info CORE_JDK = new Info(false, null, Set.of());
    }

    /**
     * A class file's header: enough to place the type in its hierarchy; {@code source} is where its supertypes'
     * class files may be read directly ({@link ClassPathFiles}), or null.
     */
    private record Header(int access, String superName, String[] interfaces, Object source) {
        static Header of(byte[] classFile, Object source) {
            ClassReader reader = new ClassReader(classFile);
            return new Header(reader.getAccess(), reader.getSuperName(), reader.getInterfaces(), source);
        }
    }

    private final Set<String> targets;
    private final ClassPathFiles classPath;

    private final Map<Key, Info> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Info> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /**
     * Superclasses that declare an API's methods without implementing it (see {@link #isAncestorOfSubtype}), by
     * binary name: the subtype and its superclass may have different loaders (a webapp's and its parent's).
     */
    private final Map<String, Set<String>> ancestors = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > MAX_ANCESTORS;
        }
    };

    /** Headers of classes being defined right now, seen by {@link #record}; consumed when first asked about. */
    private final Map<Key, Header> pending = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Header> eldest) {
            return size() > 1024;
        }
    };

    /** An index that remembers no ancestors (see {@link #isAncestorOfSubtype}). */
    public SuperTypeIndex() {
        this(Set.of());
    }

    /**
     * @param targets the API types hooks match subtypes of: the superclasses of their implementations are
     *                remembered as ancestors before they load
     */
    public SuperTypeIndex(Set<String> targets) {
        this(targets, ClassLoader.getSystemClassLoader());
    }

    /** @param lifelong the loader whose classes' jars and directories are read directly ({@link ClassPathFiles}) */
    SuperTypeIndex(Set<String> targets, ClassLoader lifelong) {
        this.classPath = new ClassPathFiles(lifelong);
        for (String target : targets) {
            if (isCoreJdk(target)) {
                throw new IllegalArgumentException(target + " is a core JDK type, which the index does not place");
            }
        }
        this.targets = Set.copyOf(targets);
    }

    /**
     * Core JDK types (java.*, jdk.*) but for JDBC's. Only java.base and the platform modules define them, and none
     * extends a servlet API or a JDBC interface, so they need not be read to answer for the types the agent hooks.
     */
    public static boolean isCoreJdk(String binaryName) {
        return (binaryName.startsWith("java.") && !binaryName.startsWith("java.sql."))
                || binaryName.startsWith("jdk.");
    }

    /**
     * Notes the header of a class as it is being defined, from the bytes the JVM hands to transformers: the type
     * about to be matched is then known without reading its class file again.
     */
    public void record(ClassLoader loader, String internalName, byte[] classFile) {
        record(loader, internalName, classFile, null);
    }

    /** As {@link #record(ClassLoader, String, byte[])}; {@code domain} tells where the class's supertypes may lie. */
    public void record(ClassLoader loader, String internalName, byte[] classFile, ProtectionDomain domain) {
        if (internalName == null || classFile == null) {
            return;
        }
        Header header;
        try {
            header = Header.of(classFile, classPath.sourceOf(loader, domain));
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
        Info info = info(loader, className, 0, null);
        if (info == Info.UNKNOWN) {
            return null;
        }
        return info.concrete() && info.superTypes().contains(superType);
    }

    /**
     * Whether {@code className} may be a subtype of one of {@code types}: false only when the index knows the class
     * and none of them is among its supertypes, nor is the class an ancestor of one's subtype. One lookup for the
     * question most classes get, "is any hook interested at all?".
     */
    public boolean mayBeSubtypeOfAny(ClassLoader loader, String className, Set<String> types) {
        Info info = info(loader, className, 0, null);
        if (info == Info.UNKNOWN) {
            return true;
        }
        for (String superType : info.superTypes()) {
            if (types.contains(superType)) {
                return true;
            }
        }
        synchronized (cache) {
            return ancestors.containsKey(className);
        }
    }

    /**
     * True when {@code className} does not itself implement {@code superType} but is the superclass of a class that
     * does. Drivers declare their JDBC methods in such bases (xerial SQLite's {@code JDBC3Statement} implements no
     * {@code Statement}; its subclass {@code JDBC4Statement} does and inherits every execute method). The subclass
     * is defined first, and its superclass is loaded while it is placed, so the superclass is marked before it is
     * matched. Only for the index's targets.
     */
    public boolean isAncestorOfSubtype(ClassLoader loader, String className, String superType) {
        synchronized (cache) {
            Set<String> of = ancestors.get(className);
            return of != null && of.contains(superType);
        }
    }

    private void markAncestor(String className, Set<String> of) {
        if (className == null || of.isEmpty() || isCoreJdk(className)) {
            return;
        }
        synchronized (cache) {
            Set<String> known = ancestors.get(className);
            if (known == null) {
                ancestors.put(className, Set.copyOf(of));
            } else if (!known.containsAll(of)) {
                Set<String> merged = new HashSet<>(known);
                merged.addAll(of);
                ancestors.put(className, Set.copyOf(merged));
            }
        }
    }

    private Info info(ClassLoader loader, String className, int depth, Object source) {
        if (isCoreJdk(className)) {
            return Info.CORE_JDK;
        }
        Key key = new Key(loader, className);
        Info known;
        synchronized (cache) {
            known = cache.get(key);
        }
        if (known != null) {
            return known;
        }
        Info computed = place(loader, className, depth, source);
        synchronized (cache) {
            Info raced = cache.get(key); // placed meanwhile, through another path to the same type
            if (raced != null) {
                return raced;
            }
            cache.put(key, computed);
        }
        return computed;
    }

    private Info place(ClassLoader loader, String className, int depth, Object source) {
        if (depth > MAX_DEPTH) {
            return Info.UNKNOWN;
        }
        Header header;
        synchronized (cache) {
            header = pending.remove(new Key(loader, className));
        }
        if (header != null) {
            return fromHeader(loader, className, header, depth);
        }
        Class<?> platform = platformType(className);
        if (platform != null) {
            return fromClass(platform, depth);
        }
        byte[] bytes = ClassPathFiles.read(source, className);
        if (bytes == null) {
            bytes = classFile(loader, className);
            source = null;
        }
        if (bytes == null) {
            return Info.UNKNOWN;
        }
        try {
            return fromHeader(loader, className, Header.of(bytes, source), depth);
        } catch (RuntimeException malformed) {
            return Info.UNKNOWN;
        }
    }

    /**
     * Interfaces first: when they already make this class a target's subtype, its superclass (loaded next) is
     * an ancestor of that subtype unless it implements the target itself, which its own match then covers.
     */
    private Info fromHeader(ClassLoader loader, String className, Header header, int depth) {
        // abstract classes count: HttpServlet is abstract, and its service(...) is the method every servlet inherits
        boolean concrete = (header.access() & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ANNOTATION)) == 0;
        Set<String> supers = new HashSet<>();
        for (String iface : header.interfaces()) {
            addWithSupers(supers, loader, iface.replace('/', '.'), depth, header.source());
        }
        String superName = header.superName() == null ? null : header.superName().replace('/', '.');
        if (concrete && !targets.isEmpty()) {
            markAncestor(superName, ancestorTargets(className, supers));
        }
        if (superName != null) {
            addWithSupers(supers, loader, superName, depth, header.source());
        }
        return new Info(concrete, superName, Set.copyOf(supers));
    }

    /** The targets a class's superclass descends to it from: those its interfaces give it, and its own marks. */
    private Set<String> ancestorTargets(String className, Set<String> interfaceSupers) {
        Set<String> marks;
        synchronized (cache) {
            marks = ancestors.get(className);
        }
        Set<String> of = null;
        for (String target : targets) {
            if (interfaceSupers.contains(target) || (marks != null && marks.contains(target))) {
                if (of == null) {
                    of = new HashSet<>(2);
                }
                of.add(target);
            }
        }
        return of == null ? Set.of() : of;
    }

    /**
     * A JDK type outside the core (javax.sql.DataSource, java.sql.SQLException), loaded if need be, uninitialised,
     * by the platform loader, which sees no app class; null for any other name. The transformers never see it load,
     * which is why no hooked class may be among these (the JDK classes the agent hooks are all core ones).
     */
    private static Class<?> platformType(String className) {
        if (!(className.startsWith("java.sql.") || className.startsWith("javax.") || className.startsWith("sun.")
                || className.startsWith("com.sun."))) {
            return null;
        }
        try {
            return Class.forName(className, false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError notThere) {
            return null; // javax.servlet and the like: the app's own
        }
    }

    private Info fromClass(Class<?> type, int depth) {
        ClassLoader loader = type.getClassLoader();
        Set<String> supers = new HashSet<>();
        Class<?> superclass = type.getSuperclass();
        if (superclass != null) {
            addWithSupers(supers, loader, superclass.getName(), depth, null);
        }
        for (Class<?> iface : type.getInterfaces()) {
            addWithSupers(supers, loader, iface.getName(), depth, null);
        }
        boolean concrete = !type.isInterface();
        return new Info(concrete, superclass == null ? null : superclass.getName(), Set.copyOf(supers));
    }

    private void addWithSupers(Set<String> supers, ClassLoader loader, String type, int depth, Object source) {
        supers.add(type);
        supers.addAll(info(loader, type, depth + 1, source).superTypes());
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
