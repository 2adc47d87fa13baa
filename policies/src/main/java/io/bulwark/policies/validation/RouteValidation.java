package io.bulwark.policies.validation;

import java.util.List;
import java.util.Map;

/**
 * One route's {@code validate} block, as plain values: rules per source, keyed by parameter name, path template
 * name, header name (any case) or JSON path, plus the body limits.
 *
 * @param maxBodySize  the most body bytes accepted, or {@code null} for no limit
 * @param contentTypes accepted media types ({@code application/json}, {@code text/*}); empty = any
 */
public record RouteValidation(Map<String, FieldRule> query, Map<String, FieldRule> path,
                              Map<String, FieldRule> header, Map<String, FieldRule> json, Long maxBodySize,
                              List<String> contentTypes) {

    public RouteValidation {
        query = query == null ? Map.of() : Map.copyOf(query);
        path = path == null ? Map.of() : Map.copyOf(path);
        header = header == null ? Map.of() : Map.copyOf(header);
        json = json == null ? Map.of() : Map.copyOf(json);
        contentTypes = contentTypes == null ? List.of() : List.copyOf(contentTypes);
        if (maxBodySize != null && maxBodySize < 0) {
            throw new IllegalArgumentException("maxBodySize must not be negative");
        }
    }
}
