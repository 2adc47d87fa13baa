package io.bulwark.policies.detect;

/** What kind of surge a {@link SpikeFinding} reports. */
public enum SpikeKind {
    /** One client got many 4xx responses. */
    CLIENT_ERRORS,
    /** One client presented missing or bad credentials many times. */
    AUTH_FAILURES,
    /** One client was refused for attacks many times. */
    BLOCKED_ATTACKS,
    /** One client got 4xx on many different paths: a scanner walking the API. */
    PATH_SWEEP,
    /** One route answered far more 4xx than it usually does, whoever asked. */
    ROUTE_SURGE
}
