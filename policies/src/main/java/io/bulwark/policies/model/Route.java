package io.bulwark.policies.model;

import java.util.List;

/**
 * One route; the first whose path and method match a request applies.
 *
 * @param path       the path pattern
 * @param methods    upper-case HTTP methods; empty matches every method
 * @param auth       null takes {@link Policy#defaultAuth()}
 * @param rateLimits names from {@code rateLimits}; null takes {@code defaults.rateLimits}, empty means none
 * @param injection  per-route injection overrides; null has none
 * @param validate   input validation; null validates nothing
 * @param dataTransfer rows and response bytes a request may take; null takes {@code defaults.dataTransfer}
 */
public record Route(@Required PathPattern path, List<String> methods, AuthRequirement auth,
                    List<String> rateLimits, RouteInjection injection, Validation validate,
                    DataTransferSettings dataTransfer) {

    public Route {
        methods = Copies.list(methods);
        rateLimits = rateLimits == null ? null : Copies.list(rateLimits);
    }

    public boolean matchesMethod(String method) {
        return methods.isEmpty() || methods.contains(method);
    }
}
