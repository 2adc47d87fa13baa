package io.bulwark.policies.ratelimit;

import java.util.Locale;

/**
 * One component of a limit's key, as written in the policy: {@code ip}, {@code apiKey}, {@code subject},
 * {@code route} or {@code header:NAME}.
 *
 * @param kind       what the component is taken from
 * @param headerName for {@link Kind#HEADER}, the header name in lower case (header names are case-insensitive);
 *                   otherwise {@code null}
 */
public record KeyPart(Kind kind, String headerName) {

    public enum Kind { IP, API_KEY, SUBJECT, ROUTE, HEADER }

    public static final KeyPart IP = new KeyPart(Kind.IP, null);
    public static final KeyPart API_KEY = new KeyPart(Kind.API_KEY, null);
    public static final KeyPart SUBJECT = new KeyPart(Kind.SUBJECT, null);
    public static final KeyPart ROUTE = new KeyPart(Kind.ROUTE, null);

    public KeyPart {
        if ((kind == Kind.HEADER) != (headerName != null)) {
            throw new IllegalArgumentException("a header name goes with a header key part, and only there");
        }
        if (headerName != null) {
            if (headerName.isEmpty() || !isToken(headerName)) {
                throw new IllegalArgumentException("'" + headerName + "' is not a header name");
            }
            headerName = headerName.toLowerCase(Locale.ROOT);
        }
    }

    public static KeyPart header(String name) {
        return new KeyPart(Kind.HEADER, name);
    }

    /** @throws IllegalArgumentException naming the accepted forms */
    public static KeyPart parse(String text) {
        switch (text == null ? "" : text) {
            case "ip":
                return IP;
            case "apiKey":
                return API_KEY;
            case "subject":
                return SUBJECT;
            case "route":
                return ROUTE;
            default:
                if (text != null && text.startsWith("header:")) {
                    return header(text.substring("header:".length()));
                }
                throw new IllegalArgumentException("'" + text
                        + "' is not a rate-limit key; use ip, apiKey, subject, route or header:NAME");
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case IP -> "ip";
            case API_KEY -> "apiKey";
            case SUBJECT -> "subject";
            case ROUTE -> "route";
            case HEADER -> "header:" + headerName;
        };
    }

    /** A loop, not {@code chars().allMatch}: a header-keyed limit is built in premain, where a stream costs classes. */
    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
