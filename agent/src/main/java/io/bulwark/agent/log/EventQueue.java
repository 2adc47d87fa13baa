package io.bulwark.agent.log;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded many-producer, one-consumer queue whose {@link #offer} never waits: not for space, and not for a lock
 * (an ArrayBlockingQueue's lock would make request threads queue up behind each other during a flood). A slot is
 * reserved with one atomic increment before the event is linked in, so the bound holds under any contention.
 */
final class EventQueue {
    private final ConcurrentLinkedQueue<AttackEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    EventQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Result of an offer: refused, accepted, or accepted into an empty queue (the consumer may be asleep). */
    enum Offered { FULL, ADDED, ADDED_TO_EMPTY }

    Offered offer(AttackEvent event) {
        int reserved = size.incrementAndGet();
        if (reserved > capacity) {
            size.decrementAndGet();
            return Offered.FULL;
        }
        events.add(event);
        return reserved == 1 ? Offered.ADDED_TO_EMPTY : Offered.ADDED;
    }

    /** The next event, or null when none is linked in yet. */
    AttackEvent poll() {
        AttackEvent event = events.poll();
        if (event != null) {
            size.decrementAndGet();
        }
        return event;
    }

    int size() {
        return size.get();
    }

    int capacity() {
        return capacity;
    }
}
