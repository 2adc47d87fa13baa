package io.bulwark.policies.model.parse;

import io.bulwark.policies.model.Policy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Either a valid policy or every error found in the file (never both, never neither). */
public final class PolicyParseResult {

    private final Policy policy;
    private final List<PolicyError> errors;

    private PolicyParseResult(Policy policy, List<PolicyError> errors) {
        this.policy = policy;
        this.errors = errors;
    }

    static PolicyParseResult valid(Policy policy) {
        return new PolicyParseResult(policy, List.of());
    }

    static PolicyParseResult invalid(List<PolicyError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid result needs at least one error");
        }
        return new PolicyParseResult(null, List.copyOf(errors));
    }

    public boolean isValid() {
        return policy != null;
    }

    public Optional<Policy> policy() {
        return Optional.ofNullable(policy);
    }

    /** Empty when valid; otherwise sorted by position in the file. */
    public List<PolicyError> errors() {
        return errors;
    }

    /** One error per line, as printed when the agent refuses to start. */
    public String errorReport() {
        return errors.stream().map(PolicyError::toString).collect(Collectors.joining(System.lineSeparator()));
    }

    /** The policy, or an exception whose message is {@link #errorReport()}. */
    public Policy orElseThrow() {
        if (policy == null) {
            throw new InvalidPolicyException(errors, errorReport());
        }
        return policy;
    }

    @Override
    public String toString() {
        return policy != null ? "valid policy" : errorReport();
    }
}
