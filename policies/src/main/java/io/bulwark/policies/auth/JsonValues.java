package io.bulwark.policies.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, unmodifiable copies of parsed JSON (maps, lists, scalars). A verified token's claims are shared by every
 * request that presents the token, so the app must not be able to change them for the next request.
 */
final class JsonValues {

    private JsonValues() {
    }

    static Map<String, Object> freeze(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            copy.put(entry.getKey(), freezeValue(entry.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return freeze((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(freezeValue(item));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
