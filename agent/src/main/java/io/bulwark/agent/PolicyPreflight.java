package io.bulwark.agent;

import io.bulwark.policies.model.Policy;
import io.bulwark.policies.model.parse.PolicyError;
import io.bulwark.policies.model.parse.PolicyParseResult;
import io.bulwark.policies.model.parse.PolicyParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The checks {@link AgentMain} makes before it installs anything, run from outside the target JVM: the attach
 * command runs them with the target's own system properties and working directory, so it judges the very file the
 * agent would find there and can refuse before the target is touched at all.
 */
public final class PolicyPreflight {

    /** {@code policy} is null when the built-in default would apply; {@code problems} is empty when it may start. */
    public record Verdict(Path policy, String how, List<String> problems) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private PolicyPreflight() {
    }

    public static Verdict check(String agentArgs, Properties targetSystem, Path targetWorkingDir) {
        AgentArgs args;
        try {
            args = AgentArgs.parse(agentArgs);
        } catch (IllegalArgumentException e) {
            return new Verdict(null, "agent arguments", List.of(e.getMessage()));
        }
        PolicyDiscovery.Found found = PolicyDiscovery.find(args, targetSystem, targetWorkingDir);
        if (found == null) {
            return new Verdict(null, "built-in default", List.of());
        }
        if (!Files.isRegularFile(found.file())) {
            return new Verdict(found.file(), found.how(), List.of("policy file " + found.file() + " (named by the "
                    + found.how() + ") does not exist"));
        }
        PolicyParseResult result = PolicyParser.parse(found.file());
        if (!result.isValid()) {
            List<String> problems = new ArrayList<>();
            for (PolicyError error : result.errors()) {
                problems.add(error.toString());
            }
            return new Verdict(found.file(), found.how(), problems);
        }
        Policy policy = result.policy().orElseThrow();
        try {
            new ActivePolicy(policy);
        } catch (PolicyActivationException e) {
            return new Verdict(found.file(), found.how(), List.of("cannot be put in force: " + e.getMessage()));
        }
        return new Verdict(found.file(), found.how(), List.of());
    }
}
