package io.bulwark.policies.validation;

import java.util.Locale;

/**
 * Inputs whose values are never echoed, even as a prefix: a malformed token or key is still most of a credential.
 * Matches the attack log's redaction rules in spirit: credential headers, and names that say key, token, secret or
 * password.
 */
final class SensitiveNames {

    private static final String[] HEADERS = {"authorization", "proxy-authorization", "cookie", "set-cookie"};
    private static final String[] FRAGMENTS = {"password", "passwd", "pwd", "secret", "token", "apikey", "api-key",
        "api_key", "credential", "session", "private"};

    private SensitiveNames() {
    }

    static boolean isSensitive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String header : HEADERS) {
            if (lower.equals(header)) {
                return true;
            }
        }
        for (String fragment : FRAGMENTS) {
            if (lower.contains(fragment)) {
                return true;
            }
        }
        return false;
    }
}
