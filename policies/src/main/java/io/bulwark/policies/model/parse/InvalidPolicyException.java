package io.bulwark.policies.model.parse;

import java.util.List;

/** Thrown by {@link PolicyParseResult#orElseThrow()}; the message lists every error, one per line. */
public final class InvalidPolicyException extends RuntimeException {

    private final transient List<PolicyError> errors;

    InvalidPolicyException(List<PolicyError> errors, String report) {
        super(report, null, false, false);
        this.errors = errors;
    }

    public List<PolicyError> errors() {
        return errors;
    }
}
