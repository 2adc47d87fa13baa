package io.bulwark.bootstrap;

/**
 * Returned by servlet entry when the agent has answered the request itself (401, 403, 429, ...). Advice uses
 * {@code skipOn = Denied.class} so the app's servlet never runs.
 */
public final class Denied {
    public static final Denied INSTANCE = new Denied();

    private Denied() {
    }
}
