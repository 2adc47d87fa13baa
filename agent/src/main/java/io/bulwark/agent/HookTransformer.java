package io.bulwark.agent;

import io.bulwark.instrumentation.SuperTypeIndex;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.pool.TypePool;

/**
 * The agent's one class-file transformer. For each class the JVM defines it records the header, decides from
 * names and headers alone whether any hook applies (almost never), and only then hands the class to Byte Buddy to
 * inline the advice. Byte Buddy's general agent machinery would describe and match every class the app loads; at
 * start-up that cost more than a second of CPU for a small Jetty app.
 */
final class HookTransformer implements ClassFileTransformer {

    /** A hook ready to apply: where (cheap checks) and what (the compiled advice, built once). */
    record Hook(String group, TypeInstrumentation instrumentation, AsmVisitorWrapper advice) {
        static Hook of(String group, TypeInstrumentation ti) {
            return new Hook(group, ti, Advice.to(ti.adviceClass()).on(ti.methodMatcher()));
        }
    }

    private static final ThreadLocal<Boolean> INSIDE = new ThreadLocal<>();

    private final List<Hook> hooks;
    private final SuperTypeIndex index;
    private final BoundedTypePoolStrategy pools;
    private final ClassLoader agentLoader;
    private final Diagnostics diagnostics;
    private final ByteBuddy byteBuddy = new ByteBuddy().with(TypeValidation.DISABLED);

    HookTransformer(List<Hook> hooks, SuperTypeIndex index, BoundedTypePoolStrategy pools, ClassLoader agentLoader,
                    Diagnostics diagnostics) {
        this.hooks = hooks;
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
                index.record(loader, internalName, classFile);
                HookCensus.global().defined(index, loader, name);
            }
            List<Hook> matched = null;
            for (Hook hook : hooks) {
                if (matches(hook.instrumentation(), loader, name, classBeingRedefined)) {
                    if (matched == null) {
                        matched = new ArrayList<>(2);
                    }
                    matched.add(hook);
                }
            }
            return matched == null ? null : apply(matched, loader, name, classFile);
        } catch (Throwable t) {
            diagnostics.error("instrumenting " + internalName.replace('/', '.'), t);
            return null;
        } finally {
            INSIDE.remove();
        }
    }

    boolean matches(TypeInstrumentation ti, ClassLoader loader, String name, Class<?> loaded) {
        if (!ti.classLoaderMatcher().matches(loader)) {
            return false;
        }
        String superType = ti.concreteSubtypeOf();
        if (superType == null) {
            return ti.typeMatcher().matches(describe(loader, name, null));
        }
        Boolean known = index.isConcreteSubtype(loader, name, superType);
        if (known != null) {
            return known;
        }
        // a class whose file cannot be read (generated at run time): ask Byte Buddy, the slow way
        return loaded != null ? ti.typeMatcher().matches(TypeDescription.ForLoadedType.of(loaded))
                : ti.typeMatcher().matches(describe(loader, name, null));
    }

    private byte[] apply(List<Hook> matched, ClassLoader loader, String name, byte[] classFile) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = pools.typePool(locator, loader);
        TypeDescription type = pool.describe(name).resolve();
        DynamicType.Builder<?> builder = byteBuddy.decorate(type, locator);
        for (Hook hook : matched) {
            builder = builder.visit(hook.advice());
            HookCensus.seen(hook.group(), hook.instrumentation(), name);
        }
        return builder.make(pool).getBytes();
    }

    private TypeDescription describe(ClassLoader loader, String name, byte[] classFile) {
        ClassFileLocator locator = loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader()
                : ClassFileLocator.ForClassLoader.of(loader);
        return pools.typePool(locator, loader).describe(name).resolve();
    }

    /**
     * Never the JDK (but for the one class hooked there), Byte Buddy, or the agent itself: transforming those would
     * make the agent instrument its own machinery. Names only, so the check costs nothing per class.
     */
    static boolean ignored(String internalName) {
        if (internalName.startsWith("java/")) {
            return !internalName.equals("java/lang/ProcessImpl");
        }
        return internalName.startsWith("jdk/") || internalName.startsWith("sun/")
                || internalName.startsWith("com/sun/") || internalName.startsWith("net/bytebuddy/")
                || internalName.startsWith("io/bulwark/agent/") || internalName.startsWith("io/bulwark/bootstrap/")
                || internalName.startsWith("io/bulwark/instrumentation/")
                || internalName.startsWith("io/bulwark/policies/") || internalName.startsWith("io/bulwark/shaded/")
                || (internalName.startsWith("javax/") && !internalName.startsWith("javax/servlet/"));
    }
}
