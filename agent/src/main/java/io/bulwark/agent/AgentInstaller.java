package io.bulwark.agent;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.bulwark.bootstrap.Bridge;
import io.bulwark.instrumentation.InstrumentationModule;
import io.bulwark.instrumentation.TypeInstrumentation;
import io.bulwark.instrumentation.process.ProcessImplInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Turns the instrumentation modules into one Byte Buddy transformer. JDK classes already loaded (ProcessImpl, or
 * everything when attached to a running JVM) are retransformed with advice only: no new fields or methods.
 */
final class AgentInstaller {

    private AgentInstaller() {
    }

    static List<InstrumentationModule> modules() {
        List<InstrumentationModule> modules = new ArrayList<>();
        ServiceLoader.load(InstrumentationModule.class, AgentInstaller.class.getClassLoader()).forEach(modules::add);
        return modules;
    }

    static ResettableClassFileTransformer install(Instrumentation inst, Collection<InstrumentationModule> modules,
                                                  Set<String> disabled, Diagnostics diagnostics) {
        keepByteBuddyOffUnsafe();
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new ErrorListener(diagnostics))
                .ignore(ignoredTypes())
                .or(any(), is(AgentInstaller.class.getClassLoader()));
        int hooks = 0;
        for (InstrumentationModule module : modules) {
            if (disabled.contains(module.name())) {
                continue;
            }
            for (TypeInstrumentation ti : module.typeInstrumentations()) {
                Advice advice = Advice.to(ti.adviceClass());
                AgentBuilder.Transformer transformer = (b, type, loader, javaModule, domain) ->
                        b.visit(advice.on(ti.methodMatcher()));
                builder = builder
                        .type(ti.typeMatcher(), ti.classLoaderMatcher())
                        .transform(transformer)
                        // advice inlined into java.base must be able to read the bridge's (unnamed) module
                        .assureReadEdgeTo(inst, Bridge.class);
                hooks++;
            }
        }
        return hooks == 0 ? null : builder.installOn(inst);
    }

    /**
     * Byte Buddy's default set-up probes {@code sun.misc.Unsafe} for class injection (its "nexus"), which JDK 24+
     * announces with a warning in the app's stderr. The agent injects nothing through Byte Buddy (advice is inlined,
     * the bridge is defined by the launcher), so both probes are switched off. The property names are Byte Buddy's
     * own, relocated with it, so an app's own Byte Buddy is not affected.
     */
    private static void keepByteBuddyOffUnsafe() {
        String base = AgentBuilder.class.getPackageName().replace(".agent.builder", "");
        System.setProperty(base + ".nexus.disabled", "true");
        System.setProperty(base + ".safe", "true");
    }

    /**
     * Never transform the JDK (but for the one class we hook), Byte Buddy, or the agent itself: transforming
     * those would make the agent instrument its own machinery.
     */
    private static ElementMatcher.Junction<TypeDescription> ignoredTypes() {
        return isSynthetic()
                .or(nameStartsWith("java.").and(not(named(ProcessImplInstrumentation.TYPE))))
                .or(nameStartsWith("javax.").and(not(nameStartsWith("javax.servlet."))))
                .or(nameStartsWith("jdk."))
                .or(nameStartsWith("sun."))
                .or(nameStartsWith("com.sun."))
                .or(nameStartsWith("net.bytebuddy."))
                .or(nameStartsWith("io.bulwark."));
    }

    /** Reports what could not be instrumented; silence on success keeps start-up output to the banner. */
    private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
        private final Diagnostics diagnostics;

        ErrorListener(Diagnostics diagnostics) {
            this.diagnostics = diagnostics;
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            diagnostics.error("instrumenting " + typeName, throwable);
        }

        @Override
        public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                                     boolean loaded, DynamicType dynamicType) {
            HookCensus.seen(typeDescription.getName());
        }
    }
}
