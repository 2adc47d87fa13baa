package io.bulwark.agent.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the report says about a set of log files, accumulated line by line in memory that does not grow with
 * the log: counters, capped key counts, a fixed number of time buckets and a fixed number of latest events.
 *
 * <p>Attacks are the lines with {@code event.kind} {@code alert}; other Bulwark events (policy reloads, dropped-event
 * counts, hook gaps) are counted by action apart from them.
 */
final class LogSummary {
    static final int MAX_TYPES = 64;
    static final int MAX_KEYS = 10_000;
    static final int MAX_KEY_CHARS = 256;
    static final int TIMELINE_BUCKETS = 4096;

    final List<String> files = new ArrayList<>();
    long lines;
    long events;
    long attacks;
    long blocked;
    long monitored;
    long malformed;
    long oversized;
    long foreign;
    final TypeCounts types = new TypeCounts(MAX_TYPES);
    final CappedCounter sources = new CappedCounter(MAX_KEYS, MAX_KEY_CHARS);
    final CappedCounter routes = new CappedCounter(MAX_KEYS, MAX_KEY_CHARS);
    final CappedCounter otherEvents = new CappedCounter(MAX_TYPES, MAX_KEY_CHARS);
    final Timeline timeline = new Timeline(TIMELINE_BUCKETS);
    final LatestEvents latest;

    LogSummary(int latestEvents) {
        this.latest = new LatestEvents(latestEvents);
    }

    void accept(LogLine line) {
        events++;
        if (!line.isAlert()) {
            otherEvents.add(line.action, 1);
            return;
        }
        attacks++;
        boolean wasBlocked = line.isBlocked();
        if (wasBlocked) {
            blocked++;
        } else {
            monitored++;
        }
        types.add(line);
        if (line.sourceIp != null) {
            sources.add(line.sourceIp, 1);
        }
        if (line.urlPath != null) {
            routes.add(line.urlPath, 1);
        }
        timeline.add(line.timestampMillis, wasBlocked);
        latest.offer(line);
    }

    /** Lines that were not Bulwark events and were skipped. */
    long skipped() {
        return malformed + foreign;
    }
}
