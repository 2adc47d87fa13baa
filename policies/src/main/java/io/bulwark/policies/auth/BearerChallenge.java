package io.bulwark.policies.auth;

import java.util.Collection;

/**
 * The {@code WWW-Authenticate} value of RFC 6750 section 3. Every attribute is a quoted string, and RFC 6750 limits
 * {@code error_description} and {@code scope} to printable ASCII without {@code "} and {@code \}; the same rule is
 * applied to the realm. Anything outside it (quotes, backslashes, CR, LF, non-ASCII) is replaced by {@code ?} rather
 * than escaped, so nothing a policy or a token carries can end the quoted string or the header line. Values are cut
 * at {@link #MAX_VALUE_LENGTH} so a long scope list cannot make the header exceed what proxies accept.
 */
public final class BearerChallenge {

    static final int MAX_VALUE_LENGTH = 512;

    private BearerChallenge() {
    }

    /** No credentials presented: RFC 6750 3.1 says to send no error code then. */
    public static String missingCredentials(String realm) {
        return "Bearer realm=\"" + clean(realm) + "\"";
    }

    /** Credentials presented but refused (401). */
    public static String invalidToken(String realm, AuthFailure failure) {
        return "Bearer realm=\"" + clean(realm) + "\", error=\"invalid_token\", error_description=\""
                + clean(failure.description()) + "\"";
    }

    /** Authenticated, but the route needs scopes the caller lacks (403). */
    public static String insufficientScope(String realm, Collection<String> requiredScopes) {
        return "Bearer realm=\"" + clean(realm) + "\", error=\"insufficient_scope\", error_description=\""
                + "the request requires higher privileges than provided by the access token\", scope=\""
                + clean(String.join(" ", requiredScopes)) + "\"";
    }

    static String clean(String value) {
        if (value == null) {
            return "";
        }
        int length = Math.min(value.length(), MAX_VALUE_LENGTH);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean allowed = c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
            out.append(allowed ? c : '?');
        }
        return out.toString();
    }
}
