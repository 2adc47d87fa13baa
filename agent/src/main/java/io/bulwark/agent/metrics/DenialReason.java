package io.bulwark.agent.metrics;

/**
 * Why the agent refused a request: at entry, or while the app ran (its body outgrew {@code maxBodySize}, a body
 * too large to inspect under {@code oversize: reject}, data transfer over its limit). An injection blocked at a sink
 * is an attack ({@link AttackType}), not counted here. A closed set, so the per-reason counters are an array and
 * nothing a client sends can add a key.
 */
public enum DenialReason {
    RATE_LIMITED("rate-limited", "RateLimited"),
    RATE_LIMIT_UNAVAILABLE("rate-limit-unavailable", "RateLimitUnavailable"),
    BRUTE_FORCE_BLOCKED("too-many-failed-attempts", "BruteForceBlocked"),
    UNAUTHENTICATED("unauthorized", "Unauthenticated"),
    INSUFFICIENT_SCOPE("insufficient-scope", "InsufficientScope"),
    AUTHENTICATION_UNAVAILABLE("authentication-unavailable", "AuthenticationUnavailable"),
    HTTPS_REQUIRED("https-required", "HttpsRequired"),
    INVALID_INPUT("invalid-input", "InvalidInput"),
    INVALID_PATH("invalid-path", "InvalidPath"),
    PROTECTION_ERROR("protection-error", "ProtectionError"),
    BODY_TOO_LARGE("body-too-large", "BodyTooLarge"),
    DATA_TRANSFER("data-transfer", "DataTransfer"),
    OTHER("", "Other");

    private static final String PROBLEM_PREFIX = "urn:bulwark:problem:";
    private static final DenialReason[] ALL = values();

    private final String problem;
    private final String attribute;

    DenialReason(String problem, String attribute) {
        this.problem = problem;
        this.attribute = attribute;
    }

    /**
     * The reason behind one of the agent's problem responses, by its {@code type} URN: the response is the one
     * thing every refusal path already produces, so counting it needs no hook in each check.
     */
    public static DenialReason ofProblemType(String type) {
        if (type != null && type.startsWith(PROBLEM_PREFIX)) {
            for (DenialReason reason : ALL) {
                if (reason != OTHER && type.regionMatches(PROBLEM_PREFIX.length(), reason.problem, 0,
                        reason.problem.length()) && type.length() == PROBLEM_PREFIX.length() + reason.problem.length()) {
                    return reason;
                }
            }
        }
        return OTHER;
    }

    /** The tag value in Micrometer and OpenTelemetry: the problem type's short name. */
    public String tag() {
        return this == OTHER ? "other" : problem;
    }

    /** The JMX attribute's suffix: {@code Denied} + this. */
    String attribute() {
        return attribute;
    }
}
