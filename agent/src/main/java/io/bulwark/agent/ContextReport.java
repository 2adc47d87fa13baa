package io.bulwark.agent;

import io.bulwark.bootstrap.AgentThread;

/**
 * At JVM exit, says how many request contexts were opened and closed when they differ (request state that outlived
 * its request), or always with {@code -Dbulwark.diagnostics.contexts=true}, which the compatibility tests use to
 * prove each context closed exactly once on every server and threading model.
 */
final class ContextReport {

    static final String ALWAYS_PROPERTY = "bulwark.diagnostics.contexts";

    private ContextReport() {
    }

    static void atShutdown(ContextLedger ledger, Diagnostics diagnostics) {
        boolean always = Boolean.getBoolean(ALWAYS_PROPERTY);
        Runtime.getRuntime().addShutdownHook(new AgentThread(() -> {
            if (always || ledger.openedCount() != ledger.closedCount()) {
                diagnostics.say(ledger.summary());
            }
        }, "bulwark-context-report"));
    }
}
