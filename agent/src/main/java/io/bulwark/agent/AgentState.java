package io.bulwark.agent;

import io.bulwark.agent.log.AttackEvent;
import io.bulwark.agent.log.AttackLog;
import io.bulwark.agent.log.EventActions;
import io.bulwark.agent.log.EventCategory;
import io.bulwark.agent.log.EventKind;
import io.bulwark.agent.log.EventOutcome;
import io.bulwark.agent.log.EventType;
import io.bulwark.policies.model.Policy;
import io.bulwark.policies.model.parse.PolicyError;
import io.bulwark.policies.model.parse.PolicyParseResult;
import io.bulwark.policies.model.parse.PolicyParser;
import java.nio.file.Path;

/**
 * What the hooks read on every request: the active policy and the attack log. Swapped whole on reload, so a
 * request that started under one policy finishes under it.
 */
final class AgentState {

    private final Path file;
    private final Path workingDir;
    private final AttackLog log;
    private final Diagnostics diagnostics;
    private volatile ActivePolicy policy;

    AgentState(Path file, Path workingDir, ActivePolicy policy, AttackLog log, Diagnostics diagnostics) {
        this.file = file;
        this.workingDir = workingDir;
        this.policy = policy;
        this.log = log;
        this.diagnostics = diagnostics;
    }

    ActivePolicy policy() {
        return policy;
    }

    AttackLog log() {
        return log;
    }

    /** Re-reads the policy file; a bad file leaves the last good policy in force and says why. */
    void reload() {
        PolicyParseResult result = PolicyParser.parse(file);
        if (!result.isValid()) {
            StringBuilder why = new StringBuilder();
            for (PolicyError error : result.errors()) {
                why.append(error).append('\n');
            }
            diagnostics.say("policy " + file + " was changed but is invalid; the last good policy stays in force:\n"
                    + why.toString().stripTrailing());
            log.offer(AttackEvent.builder(policy.redactor())
                    .kind(EventKind.EVENT).category(EventCategory.CONFIGURATION).type(EventType.ERROR)
                    .action(EventActions.POLICY_RELOAD_REJECTED).outcome(EventOutcome.FAILURE)
                    .reason(result.errors().size() + " error(s); first: " + result.errors().get(0))
                    .policyFile(file.toString()).build());
            return;
        }
        Policy loaded = result.policy().orElseThrow();
        if (!loaded.instrumentation().equals(policy.model().instrumentation())) {
            diagnostics.say("instrumentation.disabled changed in " + file + "; that takes effect at the next restart");
        }
        ActivePolicy next;
        try {
            next = new ActivePolicy(loaded, policy.entryState());
        } catch (PolicyActivationException e) {
            diagnostics.say("policy " + file + " was changed but cannot be put in force; the last good policy stays "
                    + "in force:\n" + e.getMessage());
            log.offer(AttackEvent.builder(policy.redactor())
                    .kind(EventKind.EVENT).category(EventCategory.CONFIGURATION).type(EventType.ERROR)
                    .action(EventActions.POLICY_RELOAD_REJECTED).outcome(EventOutcome.FAILURE)
                    .reason(e.getMessage()).policyFile(file.toString()).build());
            return;
        }
        log.reconfigure(AgentMain.logPath(loaded, workingDir), loaded.log().maxFileSize().bytes(),
                loaded.log().maxFiles());
        policy = next;
        log.offer(AttackEvent.builder(next.redactor())
                .kind(EventKind.EVENT).category(EventCategory.CONFIGURATION).type(EventType.CHANGE)
                .action(EventActions.POLICY_RELOADED).outcome(EventOutcome.SUCCESS)
                .policyFile(file.toString()).build());
    }
}
