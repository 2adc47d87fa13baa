package io.bulwark.policies.auth;

import java.util.List;

/** A route's {@code auth}: who may call it. */
public sealed interface AuthRequirement {

    /** Anyone, with or without credentials. Credentials that are presented are still checked (see the agent). */
    record Public() implements AuthRequirement {
    }

    /** Any authenticated caller. */
    record Authenticated() implements AuthRequirement {
    }

    record Scoped(ScopeRequirement scopes) implements AuthRequirement {
    }

    /** @param identity the caller, or null when the request carried no (valid) credentials */
    default AccessDecision decide(Identity identity) {
        if (this instanceof Public) {
            return AccessDecision.ALLOWED;
        }
        if (identity == null) {
            return AccessDecision.UNAUTHENTICATED;
        }
        if (this instanceof Scoped scoped && !scoped.scopes().isMet(identity.scopes())) {
            return new AccessDecision(AccessDecision.Outcome.INSUFFICIENT_SCOPE,
                    List.copyOf(scoped.scopes().scopes()), scoped.scopes().missing(identity.scopes()));
        }
        return AccessDecision.ALLOWED;
    }
}
