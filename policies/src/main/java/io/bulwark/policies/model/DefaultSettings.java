package io.bulwark.policies.model;

import java.util.List;

/**
 * What a route that omits a field gets, and what a request matching no route gets.
 *
 * @param auth       null: see {@link Policy#defaultAuth()}
 * @param rateLimits names from {@code rateLimits}
 */
public record DefaultSettings(AuthRequirement auth, List<String> rateLimits) {

    public DefaultSettings {
        rateLimits = Copies.list(rateLimits);
    }
}
