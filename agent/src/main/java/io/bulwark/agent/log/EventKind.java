package io.bulwark.agent.log;

/** ECS {@code event.kind}: an attack is an {@code alert}; everything else the agent reports is an {@code event}. */
public enum EventKind {
    ALERT("alert"),
    EVENT("event");

    private final String ecsName;

    EventKind(String ecsName) {
        this.ecsName = ecsName;
    }

    public String ecsName() {
        return ecsName;
    }
}
