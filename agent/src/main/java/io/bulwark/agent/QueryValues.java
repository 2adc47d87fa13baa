package io.bulwark.agent;

import io.bulwark.policies.net.FormEncoding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every value of the named parameters in a raw query string, decoded as the container decodes them. Read from the
 * raw string because {@code getParameterMap} at entry would consume a form body before the app asks for it.
 */
final class QueryValues {

    private QueryValues() {
    }

    /** Linear in the query's length; names not in {@code wanted} are skipped without decoding their values. */
    static Map<String, List<String>> of(String rawQuery, Set<String> wanted) {
        if (rawQuery == null || rawQuery.isEmpty() || wanted.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> found = new HashMap<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            int equals = rawQuery.indexOf('=', start);
            int nameEnd = equals < 0 || equals > end ? end : equals;
            if (nameEnd > start) {
                String name = FormEncoding.decode(rawQuery, start, nameEnd, true);
                if (wanted.contains(name)) {
                    String value = nameEnd == end ? "" : FormEncoding.decode(rawQuery, nameEnd + 1, end, true);
                    found.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
                }
            }
            start = end + 1;
        }
        return found;
    }
}
