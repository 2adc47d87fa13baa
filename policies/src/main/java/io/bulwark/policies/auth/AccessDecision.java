package io.bulwark.policies.auth;

import java.util.List;

/**
 * @param outcome  allowed, 401 or 403
 * @param required for {@code INSUFFICIENT_SCOPE}: the route's scopes, for the challenge's {@code scope} attribute
 * @param missing  for {@code INSUFFICIENT_SCOPE}: those the caller lacks, for the log
 */
public record AccessDecision(Outcome outcome, List<String> required, List<String> missing) {

    public enum Outcome { ALLOWED, UNAUTHENTICATED, INSUFFICIENT_SCOPE }

    public static final AccessDecision ALLOWED = new AccessDecision(Outcome.ALLOWED, List.of(), List.of());
    public static final AccessDecision UNAUTHENTICATED = new AccessDecision(Outcome.UNAUTHENTICATED, List.of(), List.of());

    public AccessDecision {
        required = List.copyOf(required);
        missing = List.copyOf(missing);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}
