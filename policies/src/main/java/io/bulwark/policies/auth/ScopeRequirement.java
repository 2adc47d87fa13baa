package io.bulwark.policies.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A route's {@code "auth": {"scopes": [...], "match": "all" | "any"}}.
 *
 * <p>A class rather than a record so that it can keep the scopes as an array as well: every request on a scoped route
 * asks {@link #isMet}, and walking a set takes an iterator, an allocation per request, where an array takes none.
 */
public final class ScopeRequirement {

    public enum Match { ALL, ANY }

    private final Set<String> scopes;
    private final Match match;
    private final String[] ordered;

    /**
     * @param scopes the scopes named by the route, in policy order (the 403 challenge lists them in that order)
     * @param match  whether the caller needs all of them or any one
     */
    public ScopeRequirement(Set<String> scopes, Match match) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a scope requirement needs at least one scope");
        }
        this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        this.match = match;
        this.ordered = this.scopes.toArray(new String[0]);
    }

    public Set<String> scopes() {
        return scopes;
    }

    public Match match() {
        return match;
    }

    /** @return the required scopes the caller lacks; empty when the requirement is met */
    public List<String> missing(Set<String> granted) {
        if (isMet(granted)) {
            return List.of();
        }
        List<String> missing = new ArrayList<>(ordered.length);
        for (String scope : ordered) {
            if (!granted.contains(scope)) {
                missing.add(scope);
            }
        }
        return List.copyOf(missing);
    }

    public boolean isMet(Set<String> granted) {
        for (String scope : ordered) {
            boolean held = granted.contains(scope);
            if (held && match == Match.ANY) {
                return true;
            }
            if (!held && match == Match.ALL) {
                return false;
            }
        }
        return match == Match.ALL;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScopeRequirement that && match == that.match && scopes.equals(that.scopes);
    }

    @Override
    public int hashCode() {
        return 31 * scopes.hashCode() + match.hashCode();
    }

    @Override
    public String toString() {
        return "ScopeRequirement[scopes=" + scopes + ", match=" + match + "]";
    }
}
