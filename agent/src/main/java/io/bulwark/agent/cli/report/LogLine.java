package io.bulwark.agent.cli.report;

/**
 * The fields of one attack-log line that the report reads, reused from line to line (a 1 GB log has millions of
 * lines; one object per line would be garbage for nothing). Absent strings are {@code null}, absent numbers -1.
 */
final class LogLine {
    long timestampMillis;
    String id;
    String kind;
    String action;
    String outcome;
    String reason;
    String ruleId;
    String sourceIp;
    String method;
    int statusCode;
    String urlPath;
    String mode;
    long count;

    void clear() {
        timestampMillis = Long.MIN_VALUE;
        id = kind = action = outcome = reason = ruleId = sourceIp = method = urlPath = mode = null;
        statusCode = -1;
        count = -1;
    }

    boolean isAlert() {
        return "alert".equals(kind);
    }

    /**
     * Blocked when the agent refused the request or the call: the line's {@code bulwark.mode} says so, and lines
     * without a mode fall back to {@code event.outcome} (failure means refused).
     */
    boolean isBlocked() {
        if (mode != null) {
            return "block".equals(mode);
        }
        return "failure".equals(outcome);
    }

    /** How many occurrences the line stands for: a rate-limit line folds a window's refusals into one. */
    long occurrences() {
        return count > 0 ? count : 1;
    }
}
