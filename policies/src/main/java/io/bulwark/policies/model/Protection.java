package io.bulwark.policies.model;

/**
 * The protections whose mode can be looked up with {@link Policy#effectiveMode(Protection, Route)}. Only the two
 * injection protections and data transfer have a mode of their own and a per-route override; the others follow the
 * top-level mode. Spike detection is not here: it only reports (see {@link Policy#detectionMode()}).
 */
public enum Protection {
    SQL_INJECTION,
    SHELL_INJECTION,
    AUTHENTICATION,
    BRUTE_FORCE,
    RATE_LIMIT,
    VALIDATION,
    TRANSPORT,
    DATA_TRANSFER
}
