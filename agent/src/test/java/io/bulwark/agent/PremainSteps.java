package io.bulwark.agent;

import io.bulwark.agent.log.AttackLog;
import io.bulwark.agent.log.AttackLogSettings;
import io.bulwark.agent.metrics.Metrics;
import io.bulwark.policies.model.Policy;
import io.bulwark.policies.model.parse.PolicyParser;
import java.nio.file.Path;
import java.time.Clock;

/**
 * AgentMain's steps from reading the policy to the gateway, in its order and without the hooks (keep the two alike):
 * what {@link PremainClassesTest} runs in a class loader of its own to see which classes they load. Public, since
 * that loader calls it reflectively.
 */
public final class PremainSteps {

    private PremainSteps() {
    }

    public static void run(Path policyFile, Path workingDir) throws Exception {
        Diagnostics diagnostics = new Diagnostics(System.err);
        Policy policy = PolicyParser.parse(policyFile).policy().orElseThrow();
        StoreOutageLog outages = new StoreOutageLog(diagnostics);
        EntryState entryState = new EntryState(outages);
        ActivePolicy active = new ActivePolicy(policy, entryState);
        AttackLog log = new AttackLog(AttackLogSettings.of(AgentMain.logPath(policy, workingDir),
                policy.log().maxFileSize().bytes(), policy.log().maxFiles()), System.err::println, Clock.systemUTC());
        log.start();
        try {
            outages.writeTo(log::offer);
            Metrics metrics = new Metrics(new Metrics.Sources("test", policyFile.toString(), diagnostics::errorCount,
                    log::written, log::dropped), diagnostics::say);
            AgentState state = new AgentState(policyFile, workingDir, active, log, diagnostics);
            new Gateway(state::policy, state::log, diagnostics, HookCensus.global(), metrics);
        } finally {
            log.close();
        }
    }
}
