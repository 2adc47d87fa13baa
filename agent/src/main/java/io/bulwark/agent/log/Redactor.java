package io.bulwark.agent.log;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps secrets out of the attack log. Every string an {@link AttackEvent} holds has been through here.
 *
 * <p>Three rules: values of credential headers and of secret-looking names are replaced whole with {@link #REDACTED};
 * JWT-looking substrings anywhere in free text become {@code [REDACTED-JWT]}; everything is capped, so one event's
 * size is bounded whatever the request carried. Names are compared after lower-casing and dropping everything but
 * letters and digits, so {@code X-Api-Key}, {@code api_key} and {@code apiKey} are one name.
 *
 * <p>Immutable; build a new one when the policy names another API-key header or parameter.
 */
public final class Redactor {
    public static final String REDACTED = "[REDACTED]";
    public static final int DEFAULT_MAX_VALUE_CHARS = 256;

    private static final Set<String> CREDENTIAL_HEADERS =
            Set.of("authorization", "proxyauthorization", "cookie", "setcookie", "xapikey");

    /** A name containing any of these is treated as holding a secret: over-redacting costs less than a leak. */
    private static final List<String> SECRET_NAME_PARTS = List.of(
            "password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "accesskey", "privatekey",
            "authorization", "credential", "session", "sessid", "cookie", "signature");

    /** Short names that are secrets on their own but too common as parts of harmless names to match inside them. */
    private static final Set<String> SECRET_NAMES =
            Set.of("sid", "pass", "pw", "pin", "otp", "key", "auth", "jwt", "bearer", "csrf", "xsrf", "code");

    private static final Redactor DEFAULTS = new Redactor(Set.of(), DEFAULT_MAX_VALUE_CHARS);

    private final Set<String> extraSecretNames;
    private final int maxValueChars;

    /**
     * @param extraSecretNames header or parameter names whose values are always redacted, on top of the built-in
     *                         ones: the policy's API-key header or query parameter
     * @param maxValueChars    how much of an input value is kept
     */
    public Redactor(Collection<String> extraSecretNames, int maxValueChars) {
        if (maxValueChars < 16) {
            throw new IllegalArgumentException("maxValueChars must be at least 16: " + maxValueChars);
        }
        Set<String> names = new HashSet<>();
        for (String name : extraSecretNames) {
            names.add(normalize(name));
        }
        this.extraSecretNames = Set.copyOf(names);
        this.maxValueChars = maxValueChars;
    }

    public static Redactor defaults() {
        return DEFAULTS;
    }

    public int maxValueChars() {
        return maxValueChars;
    }

    public boolean isSecretHeader(String name) {
        String normalized = normalize(name);
        return CREDENTIAL_HEADERS.contains(normalized) || isSecretNormalized(normalized);
    }

    public boolean isSecretName(String name) {
        return isSecretNormalized(normalize(name));
    }

    /** A header value as it may be logged. */
    public String header(String name, String value) {
        if (value == null) {
            return null;
        }
        return isSecretHeader(name) ? REDACTED : text(value, maxValueChars);
    }

    /** A query, form, cookie, path or JSON value under {@code name} as it may be logged. */
    public String named(String name, String value) {
        if (value == null) {
            return null;
        }
        return isSecretName(name) ? REDACTED : text(value, maxValueChars);
    }

    /** An input value from {@code source} ({@code header}, {@code query}, {@code json}, ...) as it may be logged. */
    public String input(String source, String name, String value) {
        return "header".equalsIgnoreCase(source) ? header(name, value) : named(name, value);
    }

    /** Free text (a path, a user agent, a name, masked SQL): JWTs replaced, capped at {@code maxChars}. */
    public String text(String value, int maxChars) {
        return value == null ? null : JwtScrubber.scrubAndCap(value, maxChars);
    }

    /**
     * A raw query string with the values of secret-looking parameters replaced, JWTs replaced, capped. The whole
     * query is walked once (servers bound its length); names are percent-decoded for the check only.
     */
    public String query(String rawQuery, int maxChars) {
        if (rawQuery == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(rawQuery.length());
        int start = 0;
        while (true) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            int eq = rawQuery.indexOf('=', start);
            if (eq >= 0 && eq < end && isSecretName(io.bulwark.policies.net.FormEncoding.decode(rawQuery, start, eq, true))) {
                out.append(rawQuery, start, eq + 1).append(REDACTED);
            } else {
                out.append(rawQuery, start, end);
            }
            if (amp < 0) {
                break;
            }
            out.append('&');
            start = amp + 1;
        }
        return text(out.toString(), maxChars);
    }

    private boolean isSecretNormalized(String normalized) {
        if (SECRET_NAMES.contains(normalized) || extraSecretNames.contains(normalized)) {
            return true;
        }
        for (String part : SECRET_NAME_PARTS) {
            if (normalized.contains(part)) {
                return true;
            }
        }
        return false;
    }

    static String normalize(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
