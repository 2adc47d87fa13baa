package io.bulwark.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code -javaagent:bulwark-agent.jar=key=value,key=value} string. Unknown keys are refused rather than
 * ignored: a typo in {@code policy=} must not quietly run the agent with the built-in default.
 */
record AgentArgs(String policy) {

    static AgentArgs parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null && !raw.isBlank()) {
            for (String part : raw.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("agent argument '" + part + "' is not key=value");
                }
                values.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String policy = values.remove("policy");
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown agent argument(s) " + values.keySet()
                    + "; the agent understands policy=PATH");
        }
        return new AgentArgs(policy == null || policy.isEmpty() ? null : policy);
    }
}
