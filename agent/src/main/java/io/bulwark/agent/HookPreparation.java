package io.bulwark.agent;

import io.bulwark.bootstrap.AgentThread;
import io.bulwark.instrumentation.InstrumentationModule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The start-up work that does not depend on the policy, begun on an agent thread at the very start of premain:
 * load Byte Buddy, run one weave, compile every hook's advice, warm the request path. Meanwhile the premain thread
 * parses and activates the policy, and the JVM and the app start on the other core. The transformer is still
 * registered before premain returns; a class that needs weaving before the advice is compiled waits for it then
 * (the hooks' advice is compiled at most once, whichever thread gets there first), and only such a class does.
 */
final class HookPreparation {

    /**
     * A latch, not a CompletableFuture: that class loads the JDK's executors (its async pool), which premain would
     * then have to retransform before the weaving code is warm.
     */
    private final CountDownLatch described = new CountDownLatch(1);
    private volatile List<HookTransformer.Hook> hooks;
    private final Diagnostics diagnostics;

    private HookPreparation(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    static HookPreparation start(Diagnostics diagnostics) {
        // read by Byte Buddy's static initialisers, so set before its first class loads on the new thread
        AgentInstaller.keepByteBuddyOffUnsafe();
        HookPreparation preparation = new HookPreparation(diagnostics);
        new AgentThread(preparation::run, "bulwark-warmup").start();
        return preparation;
    }

    /**
     * Every module's hooks, enabled or not: which ones the policy disables is not known when they are built.
     * Built on the caller's thread if the preparation failed, so a broken warm-up never leaves the app unhooked.
     */
    List<HookTransformer.Hook> hooks() {
        try {
            described.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<HookTransformer.Hook> ready = hooks;
        return ready != null ? ready : hooksOf(AgentInstaller.modules());
    }

    static List<HookTransformer.Hook> hooksOf(List<InstrumentationModule> modules) {
        List<HookTransformer.Hook> all = new ArrayList<>();
        for (InstrumentationModule module : modules) {
            for (TypeInstrumentation ti : module.typeInstrumentations()) {
                all.add(HookTransformer.Hook.of(module.name(), ti));
            }
        }
        return all;
    }

    private void run() {
        List<HookTransformer.Hook> all;
        long began = StartupTimer.start();
        try {
            all = hooksOf(AgentInstaller.modules());
            hooks = all;
            StartupTimer.mark("hooks described", began);
        } catch (Throwable t) {
            diagnostics.error("describing the hooks", t);
            return;
        } finally {
            described.countDown();
        }
        // the weaving code first: an app's first hooked class (its JDBC driver or a servlet) loads on its main thread
        // soon after premain, and the JDK classes premain may retransform are rarely loaded by then (the executors
        // load later, or not at all); premain compiles their advice itself if it needs it sooner
        HookTransformer.warmUpWeaving(all, diagnostics);
        compile(all, "advice compiled");
        HookTransformer.warmUpRequestPath(diagnostics);
    }

    private void compile(List<HookTransformer.Hook> all, String step) {
        long began = StartupTimer.start();
        try {
            for (HookTransformer.Hook hook : all) {
                hook.advice();
            }
            StartupTimer.mark(step, began);
        } catch (Throwable t) {
            diagnostics.error("compiling advice", t);
        }
    }
}
