package io.bulwark.policies.auth;

/** A key set could not be loaded. The message names the source and the problem, never key material. */
public class JwksException extends Exception {

    public JwksException(String message) {
        super(message);
    }

    public JwksException(String message, Throwable cause) {
        super(message, cause);
    }
}
