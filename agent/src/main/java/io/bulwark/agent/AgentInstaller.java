package io.bulwark.agent;

import io.bulwark.bootstrap.Bridge;
import io.bulwark.instrumentation.InstrumentationModule;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Installs the hooks of every enabled instrumentation module as one {@link HookTransformer}, then retransforms
 * the classes that were loaded before it (ProcessImpl, or everything when attached to a running JVM), advice only.
 */
final class AgentInstaller {

    private AgentInstaller() {
    }

    static List<InstrumentationModule> modules() {
        List<InstrumentationModule> modules = new ArrayList<>();
        ServiceLoader.load(InstrumentationModule.class, AgentInstaller.class.getClassLoader()).forEach(modules::add);
        return modules;
    }

    /** Installs {@code allHooks} but those of the disabled groups; their advice may still be compiling. */
    static HookTransformer install(Instrumentation inst, List<HookTransformer.Hook> allHooks, Set<String> disabled,
                                   Diagnostics diagnostics) {
        List<HookTransformer.Hook> hooks = new ArrayList<>();
        for (HookTransformer.Hook hook : allHooks) {
            if (!disabled.contains(hook.group())) {
                hooks.add(hook);
            }
        }
        if (hooks.isEmpty()) {
            return null;
        }
        // advice inlined into java.base (ProcessImpl) calls the bridge, which lives in the bootstrap's unnamed module
        Module javaBase = Object.class.getModule();
        inst.redefineModule(javaBase, Set.of(Bridge.class.getModule()), Map.of(), Map.of(), Set.of(), Map.of());

        HookTransformer transformer = new HookTransformer(hooks, HookTransformer.indexFor(hooks),
                AgentInstaller.class.getClassLoader(), diagnostics);
        inst.addTransformer(transformer, true);
        retransformLoaded(inst, transformer, hooks, diagnostics);
        return transformer;
    }

    /** Classes loaded before the transformer existed get the same hooks, through retransformation. */
    private static void retransformLoaded(Instrumentation inst, HookTransformer transformer,
                                          List<HookTransformer.Hook> hooks, Diagnostics diagnostics) {
        List<Class<?>> targets = new ArrayList<>();
        for (Class<?> loaded : inst.getAllLoadedClasses()) {
            String internalName = loaded.getName().replace('.', '/');
            if (loaded.isArray() || loaded.isPrimitive() || loaded.isHidden() || !inst.isModifiableClass(loaded)
                    || HookTransformer.ignored(internalName)) {
                continue;
            }
            try {
                for (HookTransformer.Hook hook : hooks) {
                    if (hook.acceptsLoader(loaded.getClassLoader())
                            && transformer.matches(hook.instrumentation(), loaded.getClassLoader(), loaded.getName(), loaded)) {
                        targets.add(loaded);
                        break;
                    }
                }
            } catch (Throwable t) {
                diagnostics.error("matching loaded class " + loaded.getName(), t);
            }
        }
        for (Class<?> target : targets) {
            try {
                inst.retransformClasses(target);
            } catch (Throwable t) {
                diagnostics.error("retransforming " + target.getName(), t);
            }
        }
    }
}
