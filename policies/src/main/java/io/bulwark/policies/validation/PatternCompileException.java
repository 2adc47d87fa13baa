package io.bulwark.policies.validation;

/**
 * A {@code pattern} that {@link LinearPattern} refuses: malformed, or asking for a feature that cannot run in
 * linear time (backreferences, lookaround, ...). Thrown when the policy is loaded, so the message names the position
 * and the reason for the person who wrote it.
 */
public final class PatternCompileException extends IllegalArgumentException {

    private final String pattern;
    private final int position;

    PatternCompileException(String pattern, int position, String reason) {
        super("pattern \"" + pattern + "\" at position " + position + ": " + reason);
        this.pattern = pattern;
        this.position = position;
    }

    public String pattern() {
        return pattern;
    }

    /** Index (in chars) into the pattern where the problem starts. */
    public int position() {
        return position;
    }
}
