package io.bulwark.agent;

import io.bulwark.instrumentation.HookWeaver;
import io.bulwark.instrumentation.SuperTypeIndex;
import io.bulwark.instrumentation.TypeInstrumentation;
import io.bulwark.instrumentation.concurrent.ConcurrentModule;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The agent's one class-file transformer. For each class the JVM defines it records the header, decides from
 * names and headers alone whether any hook applies (almost never), and only then weaves the hooks' code into the
 * methods they match ({@link HookWeaver}, plain ASM). Byte Buddy's general agent machinery would describe and match
 * every class the app loads, and its {@code Advice} loads and compiles ~700 classes of its own while the app
 * starts. Only Byte Buddy's repackaged ASM is used, and shipped.
 */
final class HookTransformer implements ClassFileTransformer {

    /** A hook ready to apply: where (cheap checks) and what. */
    static final class Hook {
        private final String group;
        private final TypeInstrumentation instrumentation;
        /** Built once: it remembers its answer per class loader. Null for any loader. */
        private final Predicate<ClassLoader> loaders;

        private Hook(String group, TypeInstrumentation instrumentation) {
            this.group = group;
            this.instrumentation = instrumentation;
            this.loaders = instrumentation.classLoaderRule();
        }

        static Hook of(String group, TypeInstrumentation ti) {
            return new Hook(group, ti);
        }

        String group() {
            return group;
        }

        boolean acceptsLoader(ClassLoader loader) {
            return loaders == null || loaders.test(loader);
        }

        TypeInstrumentation instrumentation() {
            return instrumentation;
        }
    }

    private static final ThreadLocal<Boolean> INSIDE = new ThreadLocal<>();

    private final List<Hook> hooks;
    /** Every hook's exact class name, and the API types hooks match subtypes of: the one-lookup pre-check. */
    private final Set<String> namedTypes = new HashSet<>();
    private final Set<String> subtypeTargets = new HashSet<>();
    /** A hook with neither (a type matcher only) turns the pre-check off. */
    private final boolean precheck;
    private final SuperTypeIndex index;
    private final ClassLoader agentLoader;
    private final Diagnostics diagnostics;
    /** When the JVM last defined a class this transformer saw: a gap is judged only once the app has settled. */
    private volatile long lastDefinedNanos = System.nanoTime();

    HookTransformer(List<Hook> hooks, SuperTypeIndex index, ClassLoader agentLoader,
                    Diagnostics diagnostics) {
        this.hooks = hooks;
        boolean indexed = true;
        for (Hook hook : hooks) {
            TypeInstrumentation ti = hook.instrumentation();
            if (ti.namedType() != null) {
                namedTypes.add(ti.namedType());
            } else if (ti.concreteSubtypeOf() != null) {
                subtypeTargets.add(ti.concreteSubtypeOf());
            } else {
                indexed = false;
            }
        }
        this.precheck = indexed;
        this.index = index;
        this.agentLoader = agentLoader;
        this.diagnostics = diagnostics;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (internalName == null || loader == agentLoader || INSIDE.get() != null || ignored(internalName)) {
            return null;
        }
        INSIDE.set(Boolean.TRUE); // whatever this transformation loads is the agent's own work
        try {
            String name = internalName.replace('/', '.');
            if (classBeingRedefined == null) {
                lastDefinedNanos = System.nanoTime();
                index.record(loader, internalName, classFile, domain);
                HookCensus.global().defined(index, loader, name);
            }
            if (precheck && !namedTypes.contains(name) && !index.mayBeSubtypeOfAny(loader, name, subtypeTargets)) {
                return null; // almost every class: no hook's type is among its supertypes
            }
            List<Hook> matched = null;
            for (Hook hook : hooks) {
                if (hook.acceptsLoader(loader) && matches(hook.instrumentation(), loader, name, classBeingRedefined)) {
                    if (matched == null) {
                        matched = new ArrayList<>(2);
                    }
                    matched.add(hook);
                }
            }
            if (matched == null) {
                return null;
            }
            long weave = StartupTimer.start();
            byte[] woven = weave(matched, name, classFile);
            if (woven != null) {
                StartupTimer.mark("wove " + name, weave);
            }
            return woven;
        } catch (Throwable t) {
            diagnostics.error("instrumenting " + internalName.replace('/', '.'), t);
            return null;
        } finally {
            INSIDE.remove();
        }
    }

    /** The index for {@code hooks}: it remembers the superclasses of their API types' implementations. */
    static SuperTypeIndex indexFor(List<Hook> hooks) {
        Set<String> targets = new HashSet<>();
        for (Hook hook : hooks) {
            if (hook.instrumentation().concreteSubtypeOf() != null) {
                targets.add(hook.instrumentation().concreteSubtypeOf());
            }
        }
        return new SuperTypeIndex(targets);
    }

    /** How long ago the JVM last defined a class (other than the JDK's and the agent's own). */
    long nanosSinceLastDefinition() {
        return System.nanoTime() - lastDefinedNanos;
    }

    /**
     * Weaves one throw-away class with the JDBC statement hook on the warm-up thread, while the agent parses its
     * policy and the app starts on the other core: the app's first hooked class then does not pay for loading and
     * first running the weaving code on the app's main thread.
     */
    static void warmUpWeaving(List<Hook> hooks, Diagnostics diagnostics) {
        long began = StartupTimer.start();
        try {
            for (Hook hook : hooks) {
                if (hook.instrumentation() instanceof io.bulwark.instrumentation.jdbc.JdbcStatementInstrumentation) {
                    byte[] classFile;
                    try (InputStream in = HookTransformer.class.getClassLoader().getResourceAsStream(
                            WarmupTarget.class.getName().replace('.', '/') + ".class")) {
                        classFile = in.readAllBytes();
                    }
                    if (HookWeaver.weave(classFile, List.of(hook.instrumentation())) == null) {
                        diagnostics.say("the warm-up weave matched no method");
                    }
                    StartupTimer.mark("warm-up weave", began);
                    return;
                }
            }
        } catch (Throwable t) {
            diagnostics.error("warming up", t);
        }
    }

    /**
     * Runs the engines a request reaches once, so the app's first request does not pay for loading them; the
     * self-check must flag its samples, or the engine is broken and that is said now.
     */
    static void warmUpRequestPath(Diagnostics diagnostics) {
        long engines = StartupTimer.start();
        try {
            if (!RequestPathWarmup.run()) {
                diagnostics.say("the injection engine did not flag its start-up self-check attacks");
            }
            StartupTimer.mark("request path warmed up", engines);
        } catch (Throwable t) {
            diagnostics.error("warming up the request path", t);
        }
    }

    /** Whether the hook's type rule matches; the caller has checked the hook's class-loader rule. */
    boolean matches(TypeInstrumentation ti, ClassLoader loader, String name, Class<?> loaded) {
        String named = ti.namedType();
        if (named != null) {
            return named.equals(name);
        }
        String superType = ti.concreteSubtypeOf();
        if (superType != null) {
            Boolean known = index.isConcreteSubtype(loader, name, superType);
            if (known != null) {
                return known || index.isAncestorOfSubtype(loader, name, superType);
            }
        }
        // a loaded class being retransformed whose class file cannot be read (generated at run time): its Class says
        return loaded != null && superType != null && LoadedTypes.isConcreteSubtype(loaded, superType);
    }

    private static byte[] weave(List<Hook> matched, String name, byte[] classFile) {
        List<TypeInstrumentation> instrumentations = new ArrayList<>(matched.size());
        for (Hook hook : matched) {
            instrumentations.add(hook.instrumentation());
        }
        byte[] woven = HookWeaver.weave(classFile, instrumentations);
        if (woven != null) {
            for (Hook hook : matched) {
                HookCensus.seen(hook.group(), hook.instrumentation(), name);
            }
        }
        return woven;
    }

    /**
     * Never the JDK (but for the one class hooked there), Byte Buddy, or the agent itself: transforming those would
     * make the agent instrument its own machinery. Names only, so the check costs nothing per class.
     */
    static boolean ignored(String internalName) {
        if (internalName.startsWith("java/")) {
            return !internalName.equals("java/lang/ProcessImpl")
                    && !ConcurrentModule.hooksJdkClass(internalName);
        }
        return internalName.startsWith("jdk/") || internalName.startsWith("sun/")
                || internalName.startsWith("com/sun/") || internalName.startsWith("net/bytebuddy/")
                || internalName.startsWith("io/bulwark/agent/") || internalName.startsWith("io/bulwark/bootstrap/")
                || internalName.startsWith("io/bulwark/instrumentation/")
                || internalName.startsWith("io/bulwark/policies/") || internalName.startsWith("io/bulwark/shaded/")
                || (internalName.startsWith("javax/") && !internalName.startsWith("javax/servlet/"));
    }
}
