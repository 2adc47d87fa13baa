package io.bulwark.policies.routes;

import java.util.Map;

/**
 * @param route      the first rule that matched
 * @param index      its position in the table, for the log ({@code routes[3]})
 * @param pathParams the values of its {@code {name}} segments, decoded
 */
public record RouteMatch<T>(Route<T> route, int index, Map<String, String> pathParams) {

    public T payload() {
        return route.payload();
    }
}
