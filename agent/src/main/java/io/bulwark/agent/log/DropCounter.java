package io.bulwark.agent.log;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts events that never reached the file, by cause, until the writer reports them. AtomicLong rather than
 * LongAdder: LongAdder's sumThenReset can lose an increment that races with it, and the count is the whole point.
 */
final class DropCounter {
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong queueFull = new AtomicLong();
    private final AtomicLong unwritable = new AtomicLong();

    void queueFull() {
        queueFull.incrementAndGet();
        total.incrementAndGet();
    }

    void unwritable(long events) {
        unwritable.addAndGet(events);
        total.addAndGet(events);
    }

    long total() {
        return total.get();
    }

    long takeQueueFull() {
        return queueFull.getAndSet(0);
    }

    long takeUnwritable() {
        return unwritable.getAndSet(0);
    }

    /** Puts back counts whose report could not be written, so the next report includes them. */
    void restore(long queueFullEvents, long unwritableEvents) {
        queueFull.addAndGet(queueFullEvents);
        unwritable.addAndGet(unwritableEvents);
    }
}
