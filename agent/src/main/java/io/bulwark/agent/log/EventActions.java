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

    private EventActions() {
    }
}
