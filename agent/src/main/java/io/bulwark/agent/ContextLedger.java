package io.bulwark.agent;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts request contexts opened and closed. Each must close exactly once, at the servlet's exit or, for an async
 * request, when its async cycle completes; a second close is an agent bug worth saying out loud, and contexts still
 * open when the JVM stops are state that outlived its request.
 */
final class ContextLedger {

    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong closed = new AtomicLong();

    void opened() {
        opened.incrementAndGet();
    }

    void closed() {
        closed.incrementAndGet();
    }

    long openedCount() {
        return opened.get();
    }

    long closedCount() {
        return closed.get();
    }

    /** One line for the shutdown report. */
    String summary() {
        long o = opened.get();
        long c = closed.get();
        return "request contexts: " + o + " opened, " + c + " closed" + (o == c ? "" : ", " + (o - c) + " still open");
    }
}
