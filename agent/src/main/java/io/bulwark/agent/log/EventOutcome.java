package io.bulwark.agent.log;

/** ECS {@code event.outcome}: {@code failure} when the agent refused the request or the call. */
public enum EventOutcome {
    SUCCESS("success"),
    FAILURE("failure"),
    UNKNOWN("unknown");

    private final String ecsName;

    EventOutcome(String ecsName) {
        this.ecsName = ecsName;
    }

    public String ecsName() {
        return ecsName;
    }
}
