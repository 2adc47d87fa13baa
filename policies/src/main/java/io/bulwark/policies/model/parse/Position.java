package io.bulwark.policies.model.parse;

/** A place in the policy text, both 1-based. */
record Position(int line, int column) {

    static final Position START = new Position(1, 1);
}
