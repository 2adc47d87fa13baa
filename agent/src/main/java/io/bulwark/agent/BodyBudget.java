package io.bulwark.agent;

import io.bulwark.policies.validation.BodyLimit;
import io.bulwark.policies.validation.Violation;

/**
 * The body bytes a request may still send, counted as the app reads them: {@code Content-Length} is checked at
 * entry, but a chunked body has none and a client may declare less than it sends. The count is of bytes the
 * container actually handed out, so neither trick gets past it. One per request; not thread-safe, like the stream.
 */
final class BodyBudget {

    private final long limit;
    private final boolean block;
    private long read;
    private boolean exceeded;

    private BodyBudget(long limit, boolean block, long alreadyRead) {
        this.limit = limit;
        this.block = block;
        this.read = alreadyRead;
        // past the limit already: entry judged that body (refused it, or logged it in monitor mode); once is enough
        this.exceeded = alreadyRead > limit;
    }

    /**
     * The budget of a request whose body entry read first ({@code saved}, or null): the app's reads of the container's
     * stream continue after the saved bytes (served back without passing through here), so they continue their count
     * too, instead of granting the rest of an over-cap body a whole new {@code limit}.
     */
    static BodyBudget after(SavedBody saved, long limit, boolean block) {
        return new BodyBudget(limit, block, saved == null ? 0 : saved.length());
    }

    /** @return true exactly once: on the read that takes the body past the limit */
    boolean add(int count) {
        if (exceeded || count <= 0) {
            return false;
        }
        read += count;
        if (read > limit) {
            exceeded = true;
            return true;
        }
        return false;
    }

    boolean blocks() {
        return block;
    }

    long limit() {
        return limit;
    }

    /** The violation once the limit is passed: the same one a declared oversize length gets. */
    Violation violation() {
        return BodyLimit.checkDeclared(limit + 1, limit);
    }
}
