package io.bulwark.instrumentation.servlet;

import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.InputSource;
import io.bulwark.policies.net.FormEncoding;
import java.util.ArrayList;
import java.util.Enumeration;
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
    /** Text fields of a multipart form are read this far; file contents are not inputs, their names are. */
    public static final int MAX_PART_BYTES = 64 * 1024;

    private static final String[] NO_COOKIES = new String[0];

    private ServletInputs() {
    }

    public static List<Input> collect(ServletAccess access, Object request) throws Throwable {
        List<Input> inputs = new ArrayList<>();
        // Parameters the container already parsed. At a sink the app has read its body, so asking for the
        // parameter map here can no longer take a form body away from the app.
        String contentType = access.contentType(request);
        boolean multipart = contentType != null && contentType.regionMatches(true, 0, "multipart/form-data", 0, 19);
        Map<String, String[]> params = access.parameterMap(request);
        if (params != null && !params.isEmpty()) {
            Set<String> queryNames = FormEncoding.parameterNames(access.queryString(request), MAX_INPUTS);
            for (Map.Entry<String, String[]> p : params.entrySet()) {
                // the container merges query and form parameters; the query string tells them apart
                InputSource source = queryNames.contains(p.getKey()) ? InputSource.QUERY
                        : multipart ? InputSource.MULTIPART : InputSource.FORM;
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
                    add(inputs, Input.value(InputSource.PATH, Integer.toString(index), FormEncoding.decodePathSegment(segment)));
                    index++;
                }
            }
        }
        Enumeration<String> names = access.headerNames(request);
        boolean cookieHeader = false;
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            cookieHeader |= "cookie".equalsIgnoreCase(name);
            Enumeration<String> values = access.headers(request, name);
            while (values != null && values.hasMoreElements()) {
                add(inputs, Input.value(InputSource.HEADER, name, values.nextElement()));
            }
        }
        if (multipart) {
            for (String[] field : access.multipartFields(request, MAX_PART_BYTES)) {
                add(inputs, Input.key(InputSource.MULTIPART, field[0]));
                if (field[1] != null) {
                    add(inputs, Input.value(InputSource.MULTIPART, field[0] + ".filename", field[1]));
                }
                if (field[2] != null && (params == null || !params.containsKey(field[0]))) {
                    add(inputs, Input.value(InputSource.MULTIPART, field[0], field[2]));
                }
            }
        }
        // Cookies come only from Cookie headers; without one, asking the container would only parse nothing.
        String[] cookies = cookieHeader ? access.cookies(request) : NO_COOKIES;
        for (int i = 0; i + 1 < cookies.length; i += 2) {
            add(inputs, Input.key(InputSource.COOKIE, cookies[i]));
            add(inputs, Input.value(InputSource.COOKIE, cookies[i], cookies[i + 1]));
        }
        return inputs;
    }

    public static boolean truncated(List<Input> inputs) {
        return inputs.size() >= MAX_INPUTS;
    }

    private static void add(List<Input> inputs, Input input) {
        if (inputs.size() < MAX_INPUTS && input.value() != null && !input.value().isEmpty()) {
            inputs.add(input);
        }
    }
}
