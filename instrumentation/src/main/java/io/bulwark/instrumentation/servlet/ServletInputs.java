package io.bulwark.instrumentation.servlet;

import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.InputSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * The request's inputs as the app sees them (decoded by the container), gathered only when a sink needs them.
 * Work is bounded whatever the request: at most {@link #MAX_INPUTS} inputs; a longer request is still checked on
 * its first inputs, and the caller can tell from {@link #truncated}.
 */
public final class ServletInputs {

    public static final int MAX_INPUTS = 2048;

    private ServletInputs() {
    }

    public static List<Input> collect(ServletAccess access, Object request) throws Throwable {
        List<Input> inputs = new ArrayList<>();
        // Parameters the container already parsed. At a sink the app has read its body, so asking for the
        // parameter map here can no longer take a form body away from the app.
        Map<String, String[]> params = access.parameterMap(request);
        if (params != null && !params.isEmpty()) {
            Set<String> queryNames = queryNames(access.queryString(request));
            for (Map.Entry<String, String[]> p : params.entrySet()) {
                // the container merges query and form parameters; the query string tells them apart
                InputSource source = queryNames.contains(p.getKey()) ? InputSource.QUERY : InputSource.FORM;
                add(inputs, Input.key(source, p.getKey()));
                String[] values = p.getValue();
                if (values != null) {
                    for (String v : values) {
                        add(inputs, Input.value(source, p.getKey(), v));
                    }
                }
            }
        }
        String uri = access.requestUri(request);
        if (uri != null) {
            int index = 0;
            for (String segment : uri.split("/")) {
                if (!segment.isEmpty()) {
                    add(inputs, Input.value(InputSource.PATH, Integer.toString(index), percentDecode(segment)));
                    index++;
                }
            }
        }
        Enumeration<String> names = access.headerNames(request);
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = access.headers(request, name);
            while (values != null && values.hasMoreElements()) {
                add(inputs, Input.value(InputSource.HEADER, name, values.nextElement()));
            }
        }
        String[] cookies = access.cookies(request);
        for (int i = 0; i + 1 < cookies.length; i += 2) {
            add(inputs, Input.key(InputSource.COOKIE, cookies[i]));
            add(inputs, Input.value(InputSource.COOKIE, cookies[i], cookies[i + 1]));
        }
        return inputs;
    }

    /** The decoded parameter names of a query string ({@code +} is a space there, unlike in paths). */
    static Set<String> queryNames(String query) {
        if (query == null || query.isEmpty()) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        int start = 0;
        while (start <= query.length() && names.size() < MAX_INPUTS) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            int eq = query.indexOf('=', start);
            int nameEnd = eq >= 0 && eq < end ? eq : end;
            if (nameEnd > start) {
                names.add(percentDecode(query.substring(start, nameEnd).replace('+', ' ')));
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return names;
    }

    public static boolean truncated(List<Input> inputs) {
        return inputs.size() >= MAX_INPUTS;
    }

    private static void add(List<Input> inputs, Input input) {
        if (inputs.size() < MAX_INPUTS && input.value() != null && !input.value().isEmpty()) {
            inputs.add(input);
        }
    }

    /** Percent-decoding of one path segment, as containers decode path parameters ({@code +} stays a plus). */
    static String percentDecode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        StringBuilder out = new StringBuilder(segment.length());
        int i = 0;
        while (i < segment.length()) {
            if (isEscape(segment, i)) {
                // a run of escapes is one UTF-8 byte sequence
                ByteArrayOutputStream run = new ByteArrayOutputStream();
                while (isEscape(segment, i)) {
                    run.write(hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2)));
                    i += 3;
                }
                out.append(run.toString(StandardCharsets.UTF_8));
            } else {
                out.append(segment.charAt(i++));
            }
        }
        return out.toString();
    }

    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && s.charAt(i) == '%' && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
