package io.bulwark.agent.log;

import java.util.Locale;

/** The ECS {@code event.category} values the agent uses (a subset of the ECS list, spelled as ECS spells them). */
public enum EventCategory {
    API,
    AUTHENTICATION,
    CONFIGURATION,
    DATABASE,
    INTRUSION_DETECTION,
    NETWORK,
    PROCESS,
    SESSION,
    WEB;

    private final String ecsName = name().toLowerCase(Locale.ROOT);

    public String ecsName() {
        return ecsName;
    }
}
