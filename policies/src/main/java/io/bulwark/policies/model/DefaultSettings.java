package io.bulwark.policies.model;

import java.util.List;

/**
 * What a route that omits a field gets, and what a request matching no route gets.
 *
 * @param auth       null: see {@link Policy#defaultAuth()}
 * @param rateLimits names from {@code rateLimits}
 * @param dataTransfer data-transfer limits of routes that omit them (field by field); null limits nothing
 */
public record DefaultSettings(AuthRequirement auth, List<String> rateLimits, DataTransferSettings dataTransfer) {

    public DefaultSettings {
        rateLimits = Copies.list(rateLimits);
    }
}
