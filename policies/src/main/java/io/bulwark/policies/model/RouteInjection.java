package io.bulwark.policies.model;

import java.util.List;

/**
 * A route's injection overrides.
 *
 * @param sql   overrides {@code injection.sql} on this route
 * @param shell overrides {@code injection.shell} on this route
 * @param allow inputs exempt on this route, in addition to {@code injection.allow}
 */
public record RouteInjection(Mode sql, Mode shell, List<InputRef> allow) {

    public RouteInjection {
        allow = Copies.list(allow);
    }
}
