package io.bulwark.policies.injection;

/**
 * One value the client controls, as the app would see it (decoded). Keys count too: a parameter's name is an
 * input of its own, with {@code key == true} and {@code value} equal to the name.
 *
 * @param source where it came from
 * @param name   the parameter, header or cookie name; for JSON the path ({@code $.a.b[0]}); for path segments the
 *               segment's index or template name
 * @param value  the decoded value
 * @param key    true when the input is a name rather than a value
 */
public record Input(InputSource source, String name, String value, boolean key) {

    public static Input value(InputSource source, String name, String value) {
        return new Input(source, name, value, false);
    }

    public static Input key(InputSource source, String name) {
        return new Input(source, name, name, true);
    }

    /** {@code query:id}, the form used by {@code injection.allow} and the log. */
    public String reference() {
        return source.label() + ":" + name;
    }
}
