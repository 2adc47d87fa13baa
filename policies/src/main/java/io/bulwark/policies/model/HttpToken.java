package io.bulwark.policies.model;

/** RFC 9110 {@code token} syntax, shared by header names, method names and media types. */
public final class HttpToken {

    private static final String SPECIALS = "!#$%&'*+-.^_`|~";

    private HttpToken() {
    }

    public static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && SPECIALS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Header names are compared case-insensitively everywhere, so the model keeps them as written. */
    public static String requireHeaderName(String text) throws InvalidValueException {
        if (!isToken(text)) {
            throw new InvalidValueException("header name must be an HTTP token (letters, digits and !#$%&'*+-.^_`|~)");
        }
        return text;
    }
}
