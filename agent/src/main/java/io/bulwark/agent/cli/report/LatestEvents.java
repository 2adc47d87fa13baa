package io.bulwark.agent.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The {@code limit} most recent attacks by {@code @timestamp}, whatever order the files are read in. */
final class LatestEvents {

    /** One row of the table: the line's fields, copied because {@link LogLine} is reused. */
    record Event(long timestampMillis, long sequence, String id, String action, boolean blocked, String sourceIp,
                 String method, String urlPath, int statusCode, String ruleId, String reason, long count) {
    }

    /** Oldest first; among equal times, the line read first is older. */
    private static final Comparator<Event> OLDEST_FIRST =
            Comparator.comparingLong(Event::timestampMillis).thenComparingLong(Event::sequence);

    private final int limit;
    private final PriorityQueue<Event> kept;
    private long sequence;

    LatestEvents(int limit) {
        this.limit = limit;
        this.kept = new PriorityQueue<>(Math.max(1, limit + 1), OLDEST_FIRST);
    }

    void offer(LogLine line) {
        long seq = sequence++;
        if (limit == 0) {
            return;
        }
        if (kept.size() == limit) {
            Event oldest = kept.peek();
            if (line.timestampMillis < oldest.timestampMillis()) {
                return;
            }
            kept.poll();
        }
        kept.add(new Event(line.timestampMillis, seq, line.id, line.action, line.isBlocked(), line.sourceIp,
                line.method, line.urlPath, line.statusCode, line.ruleId, line.reason, line.occurrences()));
    }

    /** Newest first. */
    List<Event> newestFirst() {
        List<Event> out = new ArrayList<>(kept);
        out.sort(OLDEST_FIRST.reversed());
        return out;
    }
}
