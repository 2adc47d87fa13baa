package io.bulwark.agent;

import io.bulwark.agent.log.AttackLog;
import io.bulwark.agent.log.AttackLogSettings;
import io.bulwark.agent.metrics.Metrics;
import io.bulwark.bootstrap.Bridge;
import io.bulwark.policies.model.HookGroup;
import io.bulwark.policies.model.Mode;
import io.bulwark.policies.model.Policy;
import io.bulwark.policies.model.Protection;
import io.bulwark.policies.model.parse.PolicyError;
import io.bulwark.policies.model.parse.PolicyParseResult;
import io.bulwark.policies.model.parse.PolicyParser;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The agent's start inside its own class loader: find and check the policy, open the attack log, install the
 * dispatcher, then the hooks. Order matters: the dispatcher is live before the first hooked class can run, so no
 * request is ever served by a hook that has nothing behind it.
 */
public final class AgentMain {

    /** Same value as the launcher's: the JVM stops rather than run an API its operator thinks is protected. */
    static final int EXIT_BAD_POLICY = 78;
    static final String VERSION = AgentMain.class.getPackage().getImplementationVersion() != null
            ? AgentMain.class.getPackage().getImplementationVersion() : "0.1.0";

    private static final long POLL_MILLIS = Long.getLong("bulwark.policy.pollMillis", 1000L);

    private AgentMain() {
    }

    public static int start(String rawArgs, Instrumentation inst, File agentJar, boolean attached) {
        long began = StartupTimer.start();
        StartupTimer.mark("agent main entered", began);
        // the classes of every step below start loading on another core now, ahead of the steps that need them
        ClassPreloader preloader = ClassPreloader.start(AgentMain.class.getClassLoader());
        try {
            return start(rawArgs, inst, attached, began);
        } finally {
            preloader.finish();
        }
    }

    private static int start(String rawArgs, Instrumentation inst, boolean attached, long began) {
        Diagnostics diagnostics = new Diagnostics(System.err);
        // Byte Buddy and the advice are the slowest part of start-up: begin them now, beside the policy and the app
        HookPreparation preparation = HookPreparation.start(diagnostics);
        AgentArgs args;
        try {
            args = AgentArgs.parse(rawArgs);
        } catch (IllegalArgumentException e) {
            diagnostics.say(e.getMessage());
            return EXIT_BAD_POLICY;
        }
        Path workingDir = Path.of("").toAbsolutePath();
        PolicyDiscovery.Found found = PolicyDiscovery.find(args, System.getProperties(), workingDir);
        Policy policy;
        if (found == null) {
            policy = Policy.builtInDefault();
        } else {
            if (!Files.isRegularFile(found.file())) {
                diagnostics.say("policy file " + found.file() + " (named by the " + found.how()
                        + ") does not exist; stopping, since the app must not run unprotected by mistake");
                return EXIT_BAD_POLICY;
            }
            long parse = StartupTimer.start();
            PolicyParseResult result = PolicyParser.parse(found.file());
            StartupTimer.mark("policy parsed", parse);
            if (!result.isValid()) {
                StringBuilder report = new StringBuilder();
                for (PolicyError error : result.errors()) {
                    report.append("\n  ").append(error);
                }
                diagnostics.say("policy " + found.file() + " is invalid; the app will not start until it is fixed:"
                        + report);
                return EXIT_BAD_POLICY;
            }
            policy = result.policy().orElseThrow();
        }

        long activate = StartupTimer.start();
        StoreOutageLog storeOutages = new StoreOutageLog(diagnostics);
        EntryState entryState = new EntryState(storeOutages);
        ActivePolicy active;
        try {
            active = new ActivePolicy(policy, entryState);
        } catch (PolicyActivationException e) {
            diagnostics.say("policy " + (found == null ? Policy.BUILT_IN_DEFAULT_NAME : found.file())
                    + " cannot be put in force; the app will not start until it is fixed:\n  " + e.getMessage());
            return EXIT_BAD_POLICY;
        }
        StartupTimer.mark("policy activated", activate);
        long logOpen = StartupTimer.start();
        AttackLog log = new AttackLog(AttackLogSettings.of(logPath(policy, workingDir),
                policy.log().maxFileSize().bytes(), policy.log().maxFiles()), System.err::println, Clock.systemUTC());
        log.start();
        storeOutages.writeTo(log::offer);
        Metrics metrics = new Metrics(new Metrics.Sources(VERSION, found == null ? Policy.BUILT_IN_DEFAULT_NAME
                : found.file().toString(), diagnostics::errorCount, log::written, log::dropped), diagnostics::say);
        storeOutages.countIn(metrics.store());
        AgentState state = new AgentState(found == null ? null : found.file(), workingDir, active, log, diagnostics);
        // One object each, handed to everyone who reads them: every method reference is a class generated on first
        // use, and this thread would otherwise make one per place it is written.
        Supplier<ActivePolicy> policyInForce = state::policy;
        Supplier<AttackLog> attackLog = state::log;
        Gateway gateway = new Gateway(policyInForce, attackLog, diagnostics, HookCensus.global(), metrics);
        Bridge.install(gateway);
        StartupTimer.mark("attack log and gateway", logOpen);
        new FloodLogFlusher(entryState, policyInForce, log, diagnostics).start();

        Set<String> disabled = new HashSet<>();
        for (HookGroup group : HookGroup.values()) {
            if (!policy.instrumentation().isEnabled(group)) {
                disabled.add(group.name().toLowerCase(Locale.ROOT));
            }
        }
        long hooks = StartupTimer.start();
        HookTransformer transformer = AgentInstaller.install(inst, preparation.hooks(), disabled, diagnostics);
        StartupTimer.mark("hooks installed", hooks);
        new GapWatch(HookCensus.global(), policyInForce, attackLog, diagnostics,
                !disabled.contains("servlet"), !disabled.contains("jdbc"),
                transformer == null ? () -> Long.MAX_VALUE : transformer::nanosSinceLastDefinition).start();
        ContextReport.atShutdown(gateway.ledger(), diagnostics);

        if (found != null) {
            new PolicyWatcher(found.file().toFile(), POLL_MILLIS,
                    metrics.agent().countingReloads(policyInForce, state::reload)).start();
        }
        diagnostics.say(banner(policy, found, logPath(policy, workingDir), attached));
        StartupTimer.mark("agent started", began);
        return 0;
    }

    static Path logPath(Policy policy, Path workingDir) {
        return workingDir.resolve(policy.log().path()).normalize();
    }

    private static String banner(Policy policy, PolicyDiscovery.Found found, Path log, boolean attached) {
        String modes = "sql " + mode(policy, Protection.SQL_INJECTION) + ", shell "
                + mode(policy, Protection.SHELL_INJECTION);
        String from = found == null
                ? "no policy file found, built-in default (injection blocked, no authentication, no rate limits)"
                : "policy " + found.file();
        return "Bulwark " + VERSION + (attached ? " attached" : "") + ": " + from + "; " + modes
                + "; attack log " + log;
    }

    private static String mode(Policy policy, Protection protection) {
        Mode mode = policy.effectiveMode(protection, null);
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
