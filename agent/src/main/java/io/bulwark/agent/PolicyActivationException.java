package io.bulwark.agent;

/**
 * A policy that parsed and validated but cannot be put in force: its JWKS file is unreadable, or names something the
 * engines refuse. At start the app does not start; on reload the last good policy stays.
 */
final class PolicyActivationException extends Exception {

    private static final long serialVersionUID = 1L;

    PolicyActivationException(String message, Throwable cause) {
        super(message, cause);
    }
}
