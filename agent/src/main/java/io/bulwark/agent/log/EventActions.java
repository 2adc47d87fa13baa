package io.bulwark.agent.log;

/**
 * The {@code event.action} values the agent writes. Dashboards and alert rules filter on these strings, so they are
 * part of the log's contract: add new ones, never rename.
 */
public final class EventActions {
    public static final String SQL_INJECTION_BLOCKED = "sql-injection-blocked";
    public static final String SQL_INJECTION_DETECTED = "sql-injection-detected";
    public static final String SHELL_INJECTION_BLOCKED = "shell-injection-blocked";
    public static final String SHELL_INJECTION_DETECTED = "shell-injection-detected";
    public static final String AUTH_DENIED = "auth-denied";
    public static final String RATE_LIMITED = "rate-limited";
    /** A client reached the brute-force threshold; written once per block, when it starts. */
    public static final String BRUTE_FORCE_BLOCKED = "brute-force-blocked";
    public static final String INPUT_INVALID = "input-invalid";
    /** Plain HTTP where the policy requires HTTPS: refused or redirected. */
    public static final String HTTPS_REQUIRED = "https-required";
    public static final String POLICY_RELOADED = "policy-reloaded";
    public static final String BODY_TOO_LARGE = "request-body-too-large";
    public static final String SCAN_TRUNCATED = "injection-scan-truncated";
    public static final String POLICY_RELOAD_REJECTED = "policy-reload-rejected";
    public static final String LOG_EVENTS_DROPPED = "log-events-dropped";
    /** A server or JDBC runs with no hook in front of it: that protection is off, whatever the policy says. */
    public static final String INSTRUMENTATION_GAP = "instrumentation-gap";
    /** The shared rate-limit store stopped answering; written once per outage. */
    public static final String STORE_UNAVAILABLE = "rate-limit-store-unavailable";
    /** The shared rate-limit store answers again after an outage. */
    public static final String STORE_RECOVERED = "rate-limit-store-recovered";

    /** A request read more rows or wrote more response bytes than its route allows, and was cut off there. */
    public static final String DATA_TRANSFER_BLOCKED = "data-transfer-blocked";
    /** The same in monitor mode: one event per request, at its end, with the final counts. */
    public static final String DATA_TRANSFER_EXCEEDED = "data-transfer-exceeded";
    /** A request read far more rows than its route usually does. */
    public static final String DATA_TRANSFER_ANOMALY = "data-transfer-anomaly";
    /** A client or route surged (4xx, auth failures, blocked attacks, a path sweep); once per window and kind. */
    public static final String SPIKE_DETECTED = "spike-detected";

    private EventActions() {
    }
}
