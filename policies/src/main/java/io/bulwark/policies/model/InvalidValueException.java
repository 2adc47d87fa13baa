package io.bulwark.policies.model;

/**
 * A policy value that does not mean anything. Checked, so that every caller of a {@code parse} factory decides
 * where the message goes; the message is written for the policy's author and never echoes the value itself.
 */
public final class InvalidValueException extends Exception {

    public InvalidValueException(String message) {
        super(message, null, false, false);
    }
}
