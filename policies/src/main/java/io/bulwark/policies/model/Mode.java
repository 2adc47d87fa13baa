package io.bulwark.policies.model;

/** What a protection does when it finds something: refuse it, only log it, or not look at all. */
public enum Mode {
    BLOCK,
    MONITOR,
    OFF
}
