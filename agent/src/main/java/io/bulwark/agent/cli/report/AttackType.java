package io.bulwark.agent.cli.report;

/**
 * Groups {@code event.action} values into the attack types a reader asks about: a blocked and a monitored SQL
 * injection are one type, told apart by the line's mode. Actions this version does not know (a newer agent's) keep
 * their own name, so a report never hides a line it cannot label.
 */
record AttackType(String key, String label) {

    static AttackType of(String action) {
        return switch (action) {
            case "sql-injection-blocked", "sql-injection-detected" -> new AttackType("sql-injection", "SQL injection");
            case "shell-injection-blocked", "shell-injection-detected" ->
                    new AttackType("shell-injection", "Shell injection");
            case "auth-denied" -> new AttackType("auth-denied", "Auth failure");
            case "rate-limited" -> new AttackType("rate-limited", "Rate limited");
            case "brute-force-blocked" -> new AttackType("brute-force", "Brute force");
            case "input-invalid" -> new AttackType("input-invalid", "Invalid input");
            case "https-required" -> new AttackType("https-required", "HTTPS required");
            case "request-body-too-large" -> new AttackType("body-too-large", "Body too large");
            default -> new AttackType(action, action);
        };
    }
}
