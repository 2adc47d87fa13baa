package io.bulwark.instrumentation.servlet;

import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.InputSource;
import io.bulwark.policies.net.FormEncoding;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The request's inputs as the app sees them (decoded by the container), gathered only when a sink needs them.
 * Work is bounded whatever the request: at most {@link #MAX_INPUTS} inputs; a longer request is still checked on
 * its first inputs, and the caller can tell from {@link #truncated}.
 */
public final class ServletInputs {

    public static final int MAX_INPUTS = 2048;
    /** Text fields of a multipart form are read this far; file contents are not inputs, their names are. */
    public static final int MAX_PART_BYTES = 64 * 1024;

    /** Curl sends 3 headers, API clients up to 8, browsers 10 to 15; beyond this the list grows by half. */
    private static final int USUAL_HEADERS = 12;
    /**
     * The first capacity never exceeds this: a URI of a thousand slashes gives no inputs, and must not buy an
     * array of {@link #MAX_INPUTS} per request. A larger request grows the list as it goes.
     */
    private static final int MAX_FIRST_CAPACITY = 64;
    private static final String FORM_URLENCODED = "application/x-www-form-urlencoded";
    /** Path segment names for the usual depths, so naming a segment allocates nothing. */
    private static final String[] SEGMENT_NAMES = new String[16];

    static {
        for (int i = 0; i < SEGMENT_NAMES.length; i++) {
            SEGMENT_NAMES[i] = Integer.toString(i);
        }
    }

    private ServletInputs() {
    }

    /** A new list the caller owns and may extend (the agent appends the JSON body's inputs to it). */
    public static List<Input> collect(ServletAccess access, Object request) throws Throwable {
        // Parameters the container already parsed. At a sink the app has read its body, so asking for the
        // parameter map here can no longer take a form body away from the app.
        String contentType = access.contentType(request);
        boolean multipart = contentType != null && contentType.regionMatches(true, 0, "multipart/form-data", 0, 19);
        // Containers parse a body into parameters only for these two content types; without one, every
        // parameter came from the query string and there is nothing to tell apart.
        boolean formBody = multipart || contentType != null
                && contentType.regionMatches(true, 0, FORM_URLENCODED, 0, FORM_URLENCODED.length());
        String query = access.queryString(request);
        // Without a query string or a form body there are no parameters, and a container may build a fresh map to
        // say so (Jetty 12 does, per call): a JSON POST to a plain path does not ask.
        Map<String, String[]> params = formBody || query != null && !query.isEmpty()
                ? access.parameterMap(request) : null;
        String uri = access.requestUri(request);
        List<Input> inputs = new ArrayList<>(expectedInputs(params, uri));
        if (params != null && !params.isEmpty()) {
            Set<String> queryNames = formBody ? FormEncoding.parameterNames(query, MAX_INPUTS) : null;
            for (Map.Entry<String, String[]> p : params.entrySet()) {
                // the container merges query and form parameters; the query string tells them apart
                InputSource source = queryNames == null || queryNames.contains(p.getKey()) ? InputSource.QUERY
                        : multipart ? InputSource.MULTIPART : InputSource.FORM;
                addKey(inputs, source, p.getKey());
                String[] values = p.getValue();
                if (values != null) {
                    for (String v : values) {
                        addValue(inputs, source, p.getKey(), v);
                    }
                }
            }
        }
        if (uri != null) {
            addPathSegments(inputs, uri);
        }
        Enumeration<String> names = access.headerNames(request);
        boolean cookieHeader = false;
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            cookieHeader |= "cookie".equalsIgnoreCase(name);
            Enumeration<String> values = access.headers(request, name);
            while (values != null && values.hasMoreElements()) {
                addValue(inputs, InputSource.HEADER, name, values.nextElement());
            }
        }
        if (multipart) {
            for (String[] field : access.multipartFields(request, MAX_PART_BYTES)) {
                addKey(inputs, InputSource.MULTIPART, field[0]);
                if (field[1] != null) {
                    addValue(inputs, InputSource.MULTIPART, field[0] + ".filename", field[1]);
                }
                if (field[2] != null && (params == null || !params.containsKey(field[0]))) {
                    addValue(inputs, InputSource.MULTIPART, field[0], field[2]);
                }
            }
        }
        // Cookies come only from Cookie headers; without one, asking the container would only parse nothing.
        Object[] cookies = cookieHeader ? access.cookieObjects(request) : null;
        if (cookies != null) {
            for (Object cookie : cookies) {
                String name = access.cookieName(cookie);
                addKey(inputs, InputSource.COOKIE, name);
                addValue(inputs, InputSource.COOKIE, name, access.cookieValue(cookie));
            }
        }
        return inputs;
    }

    /**
     * The list's first capacity from what is already in hand: a key and a value per parameter, one input per path
     * segment at most, and the headers of a usual API client. Sized so, the list of a plain request is about half the
     * array a fixed 32 took; a request with more headers than that grows the list once or twice.
     */
    private static int expectedInputs(Map<String, String[]> params, String uri) {
        int expected = USUAL_HEADERS;
        if (params != null) {
            expected += 2 * params.size();
        }
        if (uri != null) {
            for (int i = uri.indexOf('/'); i >= 0 && expected < MAX_FIRST_CAPACITY; i = uri.indexOf('/', i + 1)) {
                expected++;
            }
        }
        return Math.min(expected, MAX_FIRST_CAPACITY);
    }

    /**
     * Each non-empty segment of the raw URI, decoded, named by its index among the non-empty ones. One walk with
     * {@code indexOf}: no array of segments, and a segment without escapes is one substring of the URI.
     */
    private static void addPathSegments(List<Input> inputs, String uri) {
        int index = 0;
        int start = 0;
        int length = uri.length();
        while (start <= length && inputs.size() < MAX_INPUTS) {
            int end = uri.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                String segment = FormEncoding.decode(uri, start, end, false);
                addValue(inputs, InputSource.PATH, segmentName(index), segment);
                index++;
            }
            start = end + 1;
        }
    }

    private static String segmentName(int index) {
        return index < SEGMENT_NAMES.length ? SEGMENT_NAMES[index] : Integer.toString(index);
    }

    public static boolean truncated(List<Input> inputs) {
        return inputs.size() >= MAX_INPUTS;
    }

    /** Checks before it allocates: most requests carry some empty values, and they can never be found in a sink. */
    private static void addValue(List<Input> inputs, InputSource source, String name, String value) {
        if (inputs.size() < MAX_INPUTS && value != null && !value.isEmpty()) {
            inputs.add(Input.value(source, name, value));
        }
    }

    private static void addKey(List<Input> inputs, InputSource source, String name) {
        if (inputs.size() < MAX_INPUTS && name != null && !name.isEmpty()) {
            inputs.add(Input.key(source, name));
        }
    }
}
