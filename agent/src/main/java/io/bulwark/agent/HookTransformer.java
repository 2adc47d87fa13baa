package io.bulwark.agent;

import io.bulwark.instrumentation.SuperTypeIndex;
import io.bulwark.instrumentation.TypeInstrumentation;
import io.bulwark.instrumentation.concurrent.ConcurrentModule;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * The agent's one class-file transformer. For each class the JVM defines it records the header, decides from
 * names and headers alone whether any hook applies (almost never), and only then hands the class to Byte Buddy to
 * inline the advice. Byte Buddy's general agent machinery would describe and match every class the app loads; at
 * start-up that cost more than a second of CPU for a small Jetty app.
 */
final class HookTransformer implements ClassFileTransformer {

    /** A hook ready to apply: where (cheap checks) and what (the compiled advice, built once). */
    static final class Hook {
        /** Compiled advice, shared by the hooks that use the same advice class (jakarta and javax alike). */
        private static final Map<Class<?>, Advice> COMPILED = new ConcurrentHashMap<>();

        private final String group;
        private final TypeInstrumentation instrumentation;
        /** Built once: it remembers its answer per class loader. */
        private final net.bytebuddy.matcher.ElementMatcher<ClassLoader> loaders;
        private volatile AsmVisitorWrapper advice;

        private Hook(String group, TypeInstrumentation instrumentation) {
            this.group = group;
            this.instrumentation = instrumentation;
            this.loaders = instrumentation.classLoaderMatcher();
        }

        static Hook of(String group, TypeInstrumentation ti) {
            return new Hook(group, ti);
        }

        String group() {
            return group;
        }

        boolean acceptsLoader(ClassLoader loader) {
            return loaders.matches(loader);
        }

        TypeInstrumentation instrumentation() {
            return instrumentation;
        }

        /**
         * Compiled on first use: compiling advice costs Byte Buddy tens of milliseconds, which start-up should not
         * pay for hooks whose classes never load (the javax hooks in a jakarta app).
         */
        AsmVisitorWrapper advice() {
            AsmVisitorWrapper compiled = advice;
            if (compiled == null) {
                compiled = COMPILED.computeIfAbsent(instrumentation.adviceClass(), Advice::to)
                        .on(instrumentation.methodMatcher());
                advice = compiled;
            }
            return compiled;
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
    private final BoundedTypePoolStrategy pools;
    private final ClassLoader agentLoader;
    private final Diagnostics diagnostics;
    /** Created on first use, off the premain thread when the warm-up gets there first. */
    private volatile ByteBuddy byteBuddy;
    /** When the JVM last defined a class this transformer saw: a gap is judged only once the app has settled. */
    private volatile long lastDefinedNanos = System.nanoTime();

    HookTransformer(List<Hook> hooks, SuperTypeIndex index, BoundedTypePoolStrategy pools, ClassLoader agentLoader,
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
        this.pools = pools;
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
                index.record(loader, internalName, classFile);
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
            if (matched == null || (matched = withDeclaredMethods(matched, classFile)).isEmpty()) {
                return null;
            }
            long weave = StartupTimer.start();
            byte[] woven = apply(matched, loader, name, classFile);
            StartupTimer.mark("wove " + name, weave);
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

    /**
     * The hooks among {@code matched} whose methods the class declares with a body. Most servlets only override
     * {@code doGet}: weaving one for the {@code service} hook would cost a Byte Buddy pass and change nothing.
     */
    static List<Hook> withDeclaredMethods(List<Hook> matched, byte[] classFile) {
        Set<String> declared = null;
        List<Hook> kept = new ArrayList<>(matched.size());
        for (Hook hook : matched) {
            Set<String> names = hook.instrumentation().methodNames();
            if (names != null) {
                if (declared == null) {
                    declared = declaredMethodNames(classFile);
                }
                if (Collections.disjoint(names, declared)) {
                    continue;
                }
            }
            kept.add(hook);
        }
        return kept;
    }

    private static Set<String> declaredMethodNames(byte[] classFile) {
        Set<String> names = new HashSet<>();
        OpenedClassReader.of(classFile).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0) {
                    names.add(name);
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return names;
    }

    /** How long ago the JVM last defined a class (other than the JDK's and the agent's own). */
    long nanosSinceLastDefinition() {
        return System.nanoTime() - lastDefinedNanos;
    }

    private ByteBuddy byteBuddy() {
        ByteBuddy made = byteBuddy;
        if (made == null) {
            made = weaver();
            byteBuddy = made;
        }
        return made;
    }

    /**
     * Advice goes only into the methods a class declares, so Byte Buddy need not compile the class's whole method
     * graph: that walk describes every supertype, costs most of a weave, and fails outright on a supertype without a
     * class file (the VirtualFieldAccessor interfaces the OpenTelemetry agent adds to classes it transformed first).
     */
    static ByteBuddy weaver() {
        return new ByteBuddy().with(TypeValidation.DISABLED).with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);
    }

    /**
     * Weaves one throw-away class with the JDBC statement hook's compiled advice on the warm-up thread, while the
     * agent parses its policy and the app starts on the other core: the app's first hooked class then does not pay
     * for loading and first running Byte Buddy's weaving code on the app's main thread.
     */
    static void warmUpWeaving(List<Hook> hooks, Diagnostics diagnostics) {
        long began = StartupTimer.start();
        try {
            AsmVisitorWrapper advice = null;
            for (Hook hook : hooks) {
                if (hook.instrumentation().adviceClass() == io.bulwark.instrumentation.jdbc.JdbcSinkAdvice.class) {
                    advice = hook.advice();
                    break;
                }
            }
            if (advice != null) {
                ClassLoader agentLoader = HookTransformer.class.getClassLoader();
                String name = WarmupTarget.class.getName();
                ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(agentLoader);
                TypePool pool = TypePool.Default.of(locator);
                weaver().decorate(pool.describe(name).resolve(), locator).visit(advice).make(pool).getBytes();
                StartupTimer.mark("warm-up weave", began);
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
        // a class whose file cannot be read (generated at run time, or injected by another agent): ask Byte Buddy
        if (loaded != null) {
            return ti.typeMatcher().matches(TypeDescription.ForLoadedType.of(loaded));
        }
        TypePool.Resolution resolution = typePool(loader).describe(name);
        return resolution.isResolved() && ti.typeMatcher().matches(resolution.resolve());
    }

    private byte[] apply(List<Hook> matched, ClassLoader loader, String name, byte[] classFile) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = pools.typePool(locator, loader);
        TypeDescription type = pool.describe(name).resolve();
        DynamicType.Builder<?> builder = byteBuddy().decorate(type, locator);
        for (Hook hook : matched) {
            builder = builder.visit(hook.advice());
            HookCensus.seen(hook.group(), hook.instrumentation(), name);
        }
        return builder.make(pool).getBytes();
    }

    private TypePool typePool(ClassLoader loader) {
        ClassFileLocator locator = loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader()
                : ClassFileLocator.ForClassLoader.of(loader);
        return pools.typePool(locator, loader);
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
