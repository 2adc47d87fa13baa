package io.bulwark.policies.model;

/** What a rate limit decides when the shared store cannot answer in time. */
public enum OnFailure {
    ALLOW,
    DENY
}
