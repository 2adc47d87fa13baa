package io.bulwark.policies.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads a scope claim in either common shape: a space-separated string (RFC 8693 {@code scope}) or an array of strings
 * (Azure AD's {@code roles}, Okta's {@code scp}). Anything else grants nothing: a claim of an unexpected type must not
 * be read as a grant.
 */
public final class ScopeClaim {

    /** A token can name many scopes; past this, the rest are ignored rather than held per request. */
    static final int MAX_SCOPES = 256;

    private ScopeClaim() {
    }

    public static Set<String> parse(Object claim) {
        Set<String> scopes = new LinkedHashSet<>();
        if (claim instanceof String text) {
            int start = 0;
            while (start < text.length() && scopes.size() < MAX_SCOPES) {
                int end = text.indexOf(' ', start);
                if (end < 0) {
                    end = text.length();
                }
                if (end > start) {
                    scopes.add(text.substring(start, end));
                }
                start = end + 1;
            }
        } else if (claim instanceof Collection<?> items) {
            for (Object item : items) {
                if (scopes.size() >= MAX_SCOPES) {
                    break;
                }
                if (item instanceof String scope && !scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
        }
        return Set.copyOf(scopes);
    }
}
