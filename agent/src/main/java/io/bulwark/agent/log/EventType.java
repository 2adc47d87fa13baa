package io.bulwark.agent.log;

import java.util.Locale;

/** The ECS {@code event.type} values the agent uses (a subset of the ECS list, spelled as ECS spells them). */
public enum EventType {
    ACCESS,
    ALLOWED,
    CHANGE,
    DENIED,
    ERROR,
    INDICATOR,
    INFO,
    START;

    private final String ecsName = name().toLowerCase(Locale.ROOT);

    public String ecsName() {
        return ecsName;
    }
}
