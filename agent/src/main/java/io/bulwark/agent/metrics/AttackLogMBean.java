package io.bulwark.agent.metrics;

/** {@code io.bulwark:type=AttackLog}: what became of the attack log's events. */
public interface AttackLogMBean {

    /** Events appended to the log file since start. */
    long getEventsWritten();

    /** Events that never reached the file: queue full, log closed, file unwritable. */
    long getEventsDropped();
}
