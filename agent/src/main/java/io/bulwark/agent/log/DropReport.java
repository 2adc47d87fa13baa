package io.bulwark.agent.log;

import java.time.Duration;
import java.time.Instant;

/** The {@code log-events-dropped} event: how many events one window lost, why, and at what rate. */
final class DropReport {

    private DropReport() {
    }

    static AttackEvent event(Instant windowStart, Instant windowEnd, long queueFull, long unwritable,
                             int queueCapacity) {
        long total = queueFull + unwritable;
        long millis = Math.max(1, Duration.between(windowStart, windowEnd).toMillis());
        double perSecond = Math.round(total * 1000_00.0 / millis) / 100.0;
        return AttackEvent.builder(Redactor.defaults())
                .timestamp(windowEnd)
                .kind(EventKind.EVENT)
                .type(EventType.INFO)
                .action(EventActions.LOG_EVENTS_DROPPED)
                .outcome(EventOutcome.UNKNOWN)
                .reason(total + " attack log events were dropped (" + queueFull + " with the queue of "
                        + queueCapacity + " full, " + unwritable + " with the file not writable)")
                .count(total)
                .window(windowStart, windowEnd)
                .extra("rate_per_second", perSecond)
                .extra("dropped_queue_full", queueFull)
                .extra("dropped_unwritable", unwritable)
                .build();
    }
}
