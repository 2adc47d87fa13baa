package io.bulwark.agent.metrics;

import java.util.function.LongSupplier;

/** A view of the attack log's own counts: the log counts them anyway, so nothing is counted twice. */
final class AttackLogMetrics implements AttackLogMBean {

    private final LongSupplier written;
    private final LongSupplier dropped;

    AttackLogMetrics(LongSupplier written, LongSupplier dropped) {
        this.written = written;
        this.dropped = dropped;
    }

    @Override
    public long getEventsWritten() {
        return written.getAsLong();
    }

    @Override
    public long getEventsDropped() {
        return dropped.getAsLong();
    }
}
