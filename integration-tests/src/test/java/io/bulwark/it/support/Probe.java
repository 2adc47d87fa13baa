package io.bulwark.it.support;

import java.net.http.HttpResponse;
import java.util.function.Function;

/**
 * One value on its way into the demo: which endpoint and input carry it, and how to send it. {@code source} and
 * {@code name} are what the agent's attack log must name when it blocks the value ({@code bulwark.input.*}).
 */
public record Probe(String endpoint, String source, String name, String value,
        Function<Http, HttpResponse<String>> request) {

    public HttpResponse<String> sendTo(Http http) {
        return request.apply(http);
    }

    @Override
    public String toString() {
        return endpoint + " " + source + ":" + name + "=" + printable(value);
    }

    /** The value with control and non-ASCII characters as {@code \\uXXXX}, so failure messages show what was sent. */
    public static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || (c > 0x7e && Character.isWhitespace(c)) || c == 0xa0) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
