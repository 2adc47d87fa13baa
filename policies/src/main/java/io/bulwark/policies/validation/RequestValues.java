package io.bulwark.policies.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The inputs of one request that validation looks at, decoded as the app will see them.
 *
 * @param query   query parameters, every value of each (a parameter given twice is checked twice)
 * @param path    the route's {@code {name}} captures
 * @param headers header values by name, in whatever case the container reports them
 * @param json    the parsed body, or {@code null} when the route has no JSON rules or the request has no body
 */
public record RequestValues(Map<String, List<String>> query, Map<String, String> path,
                            Map<String, List<String>> headers, JsonNode json) {

    public RequestValues {
        query = query == null ? Map.of() : query;
        path = path == null ? Map.of() : path;
        headers = headers == null ? Map.of() : headers;
    }
}
