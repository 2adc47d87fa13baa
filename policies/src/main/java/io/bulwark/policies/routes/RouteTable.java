package io.bulwark.policies.routes;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The policy's routes in order; the first rule whose methods and pattern cover the request wins. A lookup costs at
 * most one linear pass over the path's segments per rule, and allocates only when a pattern captures names.
 *
 * <p>An empty result means no rule covers the request; the caller applies {@code defaults} (which, when any
 * authentication is configured, denies it).
 */
public final class RouteTable<T> {

    private final List<Route<T>> routes;

    public RouteTable(List<Route<T>> routes) {
        this.routes = List.copyOf(routes);
    }

    public Optional<RouteMatch<T>> match(String method, NormalizedPath.Valid path) {
        String upperMethod = method.toUpperCase(Locale.ROOT);
        List<String> segments = path.segments();
        for (int i = 0; i < routes.size(); i++) {
            Route<T> route = routes.get(i);
            if (!route.coversMethod(upperMethod)) {
                continue;
            }
            var captured = route.pattern().match(segments);
            if (captured != null) {
                return Optional.of(new RouteMatch<>(route, i, captured));
            }
        }
        return Optional.empty();
    }

    public List<Route<T>> routes() {
        return routes;
    }
}
