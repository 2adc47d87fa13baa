package io.bulwark.policies.model;

/**
 * One OAuth scope token (RFC 6749 section 3.3: {@code %x21 / %x23-5B / %x5D-7E}, at least one). Checked when the
 * policy loads, because a scope with a space in it could never be granted and would silently deny every caller.
 */
public record Scope(String value) {

    public static Scope parse(String text) throws InvalidValueException {
        if (text.isEmpty()) {
            throw new InvalidValueException("scope must not be empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                throw new InvalidValueException("scope must not contain spaces");
            }
            if (!isScopeChar(c)) {
                throw new InvalidValueException("scope contains a character outside RFC 6749 scope-token "
                        + "(printable ASCII except space, '\"' and '\\')");
            }
        }
        return new Scope(text);
    }

    private static boolean isScopeChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
    }

    @Override
    public String toString() {
        return value;
    }
}
