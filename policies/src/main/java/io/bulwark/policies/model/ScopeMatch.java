package io.bulwark.policies.model;

/** Whether a caller needs every listed scope or any one of them. */
public enum ScopeMatch {
    ALL,
    ANY
}
