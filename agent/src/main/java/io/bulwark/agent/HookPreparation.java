package io.bulwark.agent;

import io.bulwark.bootstrap.AgentThread;
import io.bulwark.instrumentation.InstrumentationModule;
import io.bulwark.instrumentation.TypeInstrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The start-up work that does not depend on the policy, begun on an agent thread at the very start of premain:
 * describe the hooks, run one weave (loading ASM's reader and writer), warm the request path. Meanwhile the premain
 * thread parses and activates the policy, and the JVM and the app start on the other core. The transformer is
 * still registered before premain returns; weaving needs nothing the warm-up prepares, it is only faster after.
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
        // soon after premain
        HookTransformer.warmUpWeaving(all, diagnostics);
        HookTransformer.warmUpRequestPath(diagnostics);
    }
}
