package io.bulwark.agent.metrics;

/** The attacks judged at sinks: a closed set, so the counters are an array indexed by it. */
public enum AttackType {
    SQL_INJECTION("sql-injection"),
    SHELL_INJECTION("shell-injection");

    private final String tag;

    AttackType(String tag) {
        this.tag = tag;
    }

    /** The finding kind the injection engine reports ({@code sql}, {@code shell}). */
    public static AttackType ofFindingKind(String kind) {
        return "sql".equals(kind) ? SQL_INJECTION : SHELL_INJECTION;
    }

    public String tag() {
        return tag;
    }
}
