package io.bulwark.policies.model;

import java.util.List;

/** What a route asks of its caller: nothing, any valid credential, or particular scopes. */
public sealed interface AuthRequirement {

    AuthRequirement PUBLIC = new Public();
    AuthRequirement AUTHENTICATED = new Authenticated();

    /** Whether a caller must present a valid credential at all. */
    default boolean needsCredentials() {
        return !(this instanceof Public);
    }

    /** {@code "public"}: anyone, credentials or not. */
    record Public() implements AuthRequirement {
        @Override
        public String toString() {
            return "public";
        }
    }

    /** {@code "authenticated"}: a valid credential, whatever its scopes. */
    record Authenticated() implements AuthRequirement {
        @Override
        public String toString() {
            return "authenticated";
        }
    }

    /**
     * {@code {"scopes": [...], "match": "all" | "any"}}: a valid credential carrying all (or any) of the scopes.
     *
     * @param scopes at least one
     * @param match  {@code all} when absent
     */
    record Scoped(@Required List<Scope> scopes, ScopeMatch match) implements AuthRequirement {
        public Scoped {
            scopes = Copies.list(scopes);
            match = match == null ? ScopeMatch.ALL : match;
        }
    }
}
