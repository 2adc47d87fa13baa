package io.bulwark.policies.model;

/** What happens to a body larger than the injection scan cap: passed with a logged warning, or refused (413). */
public enum Oversize {
    PASS,
    REJECT
}
