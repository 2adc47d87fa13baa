package io.bulwark.policies.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmodifiable copies for record components, absent becoming empty; maps keep the file's order (first match wins).
 * Elements may be null only while the parser is still collecting errors (an item that failed to bind keeps its
 * index, so later checks still point at the right place); a policy with errors is never handed out.
 */
final class Copies {

    private Copies() {
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    static <V> Map<String, V> map(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
