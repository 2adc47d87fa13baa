package io.bulwark.bootstrap;

/**
 * Thrown into app code at a sink so that the statement or process never runs. Unchecked, so it passes through
 * app code that does not expect it; the request is answered with 403 at servlet exit even if the app catches it.
 * No stack trace: it is thrown on purpose, often under attack, and must stay cheap.
 */
public final class BulwarkBlockedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String eventId;

    public BulwarkBlockedException(String eventId, String message) {
        super(message, null, false, false);
        this.eventId = eventId;
    }

    public String eventId() {
        return eventId;
    }
}
