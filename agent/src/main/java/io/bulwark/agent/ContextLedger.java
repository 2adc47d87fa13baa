package io.bulwark.agent;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts request contexts opened and closed. Each must close exactly once, at the servlet's exit or, for an async
 * request, when its async cycle completes; a second close is an agent bug worth saying out loud, and contexts still
 * open when the JVM stops are state that outlived its request.
 */
final class ContextLedger {

    // Adders, not atomics: every request on every core counts twice, and the counts are read only at shutdown and in
    // tests, so the writes should not fight over one cache line.
    private final LongAdder opened = new LongAdder();
    private final LongAdder closed = new LongAdder();

    void opened() {
        opened.increment();
    }

    void closed() {
        closed.increment();
    }

    long openedCount() {
        return opened.sum();
    }

    long closedCount() {
        return closed.sum();
    }

    /** One line for the shutdown report. */
    String summary() {
        long c = closed.sum();
        long o = opened.sum();
        return "request contexts: " + o + " opened, " + c + " closed" + (o == c ? "" : ", " + (o - c) + " still open");
    }
}
