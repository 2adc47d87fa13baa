package io.bulwark.policies.model;

/**
 * The protections whose mode can be looked up with {@link Policy#effectiveMode(Protection, Route)}. Only the two
 * injection protections have a mode of their own and a per-route override; the others follow the top-level mode.
 */
public enum Protection {
    SQL_INJECTION,
    SHELL_INJECTION,
    AUTHENTICATION,
    BRUTE_FORCE,
    RATE_LIMIT,
    VALIDATION,
    TRANSPORT
}
