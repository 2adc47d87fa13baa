package io.bulwark.agent;

import io.bulwark.bootstrap.AgentThread;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * At JVM exit, says how many request contexts were opened and closed when they differ (request state that outlived
 * its request). With {@code -Dbulwark.diagnostics.contexts=true} it always says so, and with
 * {@code -Dbulwark.diagnostics.contexts=FILE} it also writes the line to that file: the compatibility tests use it
 * to prove each context closed exactly once on every server and threading model, and a file survives the exit
 * where the last line on a pipe can be lost.
 */
final class ContextReport {

    static final String PROPERTY = "bulwark.diagnostics.contexts";

    private ContextReport() {
    }

    static void atShutdown(ContextLedger ledger, Diagnostics diagnostics) {
        String setting = System.getProperty(PROPERTY, "");
        boolean always = !setting.isEmpty() && !setting.equals("false");
        Path file = always && !setting.equals("true") ? Path.of(setting) : null;
        Runtime.getRuntime().addShutdownHook(new AgentThread(() -> {
            if (always || ledger.openedCount() != ledger.closedCount()) {
                diagnostics.say(ledger.summary());
            }
            if (file != null) {
                try {
                    Files.writeString(file, ledger.summary() + "\n", StandardCharsets.UTF_8);
                } catch (IOException e) {
                    diagnostics.say("could not write " + file + ": " + e);
                }
            }
        }, "bulwark-context-report"));
    }
}
