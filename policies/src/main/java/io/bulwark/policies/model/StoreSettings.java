package io.bulwark.policies.model;

/**
 * A shared store for rate-limit and brute-force state, so a fleet enforces one limit.
 *
 * @param redis     {@code redis://host:port} or {@code rediss://host:port}, without a password
 * @param timeout   how long a decision may wait for Redis
 * @param onFailure the decision when Redis does not answer in time
 */
public record StoreSettings(@Required String redis, PolicyDuration timeout, OnFailure onFailure) {

    public static final PolicyDuration DEFAULT_TIMEOUT = PolicyDuration.of("50ms");
    public static final OnFailure DEFAULT_ON_FAILURE = OnFailure.ALLOW;

    public StoreSettings {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        onFailure = onFailure == null ? DEFAULT_ON_FAILURE : onFailure;
    }
}
