package io.bulwark.agent;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts transformed types, so the agent can say loudly when it hooked nothing (a silent gap protects nothing). */
final class HookCensus {

    private static final AtomicInteger TRANSFORMED = new AtomicInteger();

    private HookCensus() {
    }

    static void seen(String group) {
        TRANSFORMED.incrementAndGet();
    }

    static int transformed() {
        return TRANSFORMED.get();
    }
}
