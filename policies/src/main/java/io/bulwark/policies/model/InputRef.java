package io.bulwark.policies.model;

import io.bulwark.policies.injection.InputSource;

import java.util.EnumSet;
import java.util.Set;

/**
 * A reference to one request input, {@code SOURCE:NAME}, as {@code injection.allow} writes it and as
 * {@link io.bulwark.policies.injection.Input#reference()} prints it: {@code query:q}, {@code header:X-Trace},
 * {@code json:$.filter.expr}, {@code path:id}.
 */
public record InputRef(InputSource source, String name) {

    private static final Set<InputSource> NAMEABLE = EnumSet.of(InputSource.QUERY, InputSource.FORM,
            InputSource.HEADER, InputSource.COOKIE, InputSource.JSON, InputSource.PATH);

    public static InputRef parse(String text) throws InvalidValueException {
        int colon = text.indexOf(':');
        InputSource source = colon < 0 ? null : sourceNamed(text.substring(0, colon));
        if (source == null) {
            throw new InvalidValueException("input must be query:NAME, form:NAME, header:NAME, cookie:NAME, "
                    + "json:$.path or path:NAME");
        }
        String name = text.substring(colon + 1);
        if (name.isEmpty()) {
            throw new InvalidValueException("input name after '" + source.label() + ":' must not be empty");
        }
        if (source == InputSource.HEADER) {
            HttpToken.requireHeaderName(name);
        }
        if (source == InputSource.JSON) {
            JsonPath.check(name);
        }
        return new InputRef(source, name);
    }

    private static InputSource sourceNamed(String label) {
        for (InputSource source : NAMEABLE) {
            if (source.label().equals(label)) {
                return source;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return source.label() + ":" + name;
    }
}
