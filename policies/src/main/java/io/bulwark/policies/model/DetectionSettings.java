package io.bulwark.policies.model;

/**
 * Spike and anomaly detection: counters over a window that report scanners and surges, and a per-route baseline
 * of rows per request that reports a request reading far more than its route normally does. These findings are
 * reported, never blocked: a surge is a statistical hint about many requests, and refusing the request that
 * happened to cross the line would punish whoever came next, not the scanner.
 *
 * @param mode                 {@code monitor} (default) or {@code off}; {@code block} is an error
 * @param window               the counting window of every spike counter
 * @param clientErrors         4xx responses (401 and 403 included) one client may get per window before it is reported
 * @param authFailures         failed credentials one client may present per window
 * @param blockedAttacks       requests of one client refused for an attack per window
 * @param distinctRoutes       different paths one client may touch per window (a sweep)
 * @param routeSurgeFactor     a route is reported when its 4xx count in a window exceeds this many times its usual
 * @param rowAnomalyFactor     a request is reported when it reads this many times its route's usual rows
 * @param baselineRequests     requests a route must have seen before its baseline judges
 * @param maxClients           clients tracked at once; the least recently seen are forgotten first
 */
public record DetectionSettings(Mode mode, PolicyDuration window, Integer clientErrors, Integer authFailures,
                                Integer blockedAttacks, Integer distinctRoutes, Integer routeSurgeFactor,
                                Integer rowAnomalyFactor, Integer baselineRequests, Integer maxClients) {

    public static final PolicyDuration DEFAULT_WINDOW = PolicyDuration.of("1m");
    public static final int DEFAULT_CLIENT_ERRORS = 50;
    public static final int DEFAULT_AUTH_FAILURES = 10;
    public static final int DEFAULT_BLOCKED_ATTACKS = 5;
    public static final int DEFAULT_DISTINCT_ROUTES = 30;
    public static final int DEFAULT_ROUTE_SURGE_FACTOR = 10;
    public static final int DEFAULT_ROW_ANOMALY_FACTOR = 20;
    public static final int DEFAULT_BASELINE_REQUESTS = 20;
    public static final int DEFAULT_MAX_CLIENTS = 10_000;

    public DetectionSettings {
        window = window == null ? DEFAULT_WINDOW : window;
        clientErrors = clientErrors == null ? DEFAULT_CLIENT_ERRORS : clientErrors;
        authFailures = authFailures == null ? DEFAULT_AUTH_FAILURES : authFailures;
        blockedAttacks = blockedAttacks == null ? DEFAULT_BLOCKED_ATTACKS : blockedAttacks;
        distinctRoutes = distinctRoutes == null ? DEFAULT_DISTINCT_ROUTES : distinctRoutes;
        routeSurgeFactor = routeSurgeFactor == null ? DEFAULT_ROUTE_SURGE_FACTOR : routeSurgeFactor;
        rowAnomalyFactor = rowAnomalyFactor == null ? DEFAULT_ROW_ANOMALY_FACTOR : rowAnomalyFactor;
        baselineRequests = baselineRequests == null ? DEFAULT_BASELINE_REQUESTS : baselineRequests;
        maxClients = maxClients == null ? DEFAULT_MAX_CLIENTS : maxClients;
    }
}
