package io.bulwark.policies.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A route's {@code "auth": {"scopes": [...], "match": "all" | "any"}}.
 *
 * @param scopes the scopes named by the route, in policy order (the 403 challenge lists them in that order)
 * @param match  whether the caller needs all of them or any one
 */
public record ScopeRequirement(Set<String> scopes, Match match) {

    public enum Match { ALL, ANY }

    public ScopeRequirement {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a scope requirement needs at least one scope");
        }
        scopes = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    }

    /** @return the required scopes the caller lacks; empty when the requirement is met */
    public List<String> missing(Set<String> granted) {
        List<String> missing = new ArrayList<>();
        for (String scope : scopes) {
            if (granted.contains(scope)) {
                if (match == Match.ANY) {
                    return List.of();
                }
            } else {
                missing.add(scope);
            }
        }
        return List.copyOf(missing);
    }

    public boolean isMet(Set<String> granted) {
        return missing(granted).isEmpty();
    }
}
