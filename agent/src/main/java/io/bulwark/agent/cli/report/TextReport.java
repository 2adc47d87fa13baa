package io.bulwark.agent.cli.report;

import java.io.PrintStream;
import java.util.List;

/** The terminal summary: plain text, aligned, at most 80 columns wide. */
final class TextReport {
    static final int TIMELINE_ROWS = 24;
    private static final int WIDTH = 80;
    private static final int BAR_WIDTH = 20;
    private static final int KEY_WIDTH = 44;

    private final LogSummary s;
    private final int top;

    TextReport(LogSummary summary, int top) {
        this.s = summary;
        this.top = top;
    }

    void print(PrintStream out) {
        out.println("Bulwark attack report");
        String files = "files    " + s.files.size() + ": ";
        out.println(files + SafeText.fit(SafeText.terminal(String.join(", ", s.files)), WIDTH - files.length()));
        out.printf("lines    %d read: %d Bulwark events%n", s.lines, s.events);
        out.printf("skipped  %d: %d malformed, %d from other tools%n", s.skipped(), s.malformed, s.foreign);
        out.printf("attacks  %d: %d blocked, %d monitored%n", s.attacks, s.blocked, s.monitored);
        if (!s.timeline.isEmpty()) {
            out.println("span     " + Timestamps.format(s.timeline.first()) + " .. "
                    + Timestamps.format(s.timeline.last()));
        }
        types(out);
        counts(out, "Top sources", s.sources, "addresses");
        counts(out, "Top routes", s.routes, "paths");
        timeline(out);
        latest(out);
        others(out);
    }

    private void types(PrintStream out) {
        out.println();
        out.printf("%-38s%10s%10s%11s%11s%n", "Attacks by type", "events", "blocked", "monitored", "requests");
        List<TypeCounts.Row> rows = s.types.rows();
        if (rows.isEmpty()) {
            out.println("  (none)");
        }
        for (TypeCounts.Row row : rows) {
            out.printf("  %-36s%10d%10d%11d%11d%n", SafeText.fit(SafeText.terminal(row.label), 36),
                    row.events(), row.blocked, row.monitored, row.requests);
        }
    }

    private void counts(PrintStream out, String title, CappedCounter counter, String what) {
        out.println();
        out.printf("%-" + KEY_WIDTH + "s%12s%n", title, "attacks");
        List<CappedCounter.Count> rows = counter.top(top);
        if (rows.isEmpty()) {
            out.println("  (none)");
            return;
        }
        long max = rows.get(0).count();
        for (CappedCounter.Count row : rows) {
            out.printf("  %-" + (KEY_WIDTH - 2) + "s%12d  %s%n",
                    SafeText.fit(SafeText.terminal(row.key()), KEY_WIDTH - 2), row.count(), bar(row.count(), max));
        }
        int more = counter.distinct() - rows.size();
        if (more > 0) {
            out.printf("  (%d more %s)%n", more, what);
        }
        if (counter.folded() > 0) {
            out.printf("  (%d attacks from %s beyond the first %d, not told apart)%n",
                    counter.folded(), what, LogSummary.MAX_KEYS);
        }
    }

    private void timeline(PrintStream out) {
        out.println();
        List<Timeline.Bucket> buckets = s.timeline.buckets(TIMELINE_ROWS);
        if (buckets.isEmpty()) {
            out.println("Timeline");
            out.println("  (no attacks)");
            return;
        }
        out.printf("%-" + KEY_WIDTH + "s%12s%n", "Timeline (UTC, " + Durations.words(buckets.get(0).widthMillis())
                + " buckets)", "attacks");
        long max = 1;
        for (Timeline.Bucket b : buckets) {
            max = Math.max(max, b.total());
        }
        for (Timeline.Bucket b : buckets) {
            out.printf("  %-" + (KEY_WIDTH - 2) + "s%12d  %s%n", Timestamps.label(b.startMillis(), b.widthMillis()), b.total(),
                    bar(b.total(), max));
        }
    }

    private void latest(PrintStream out) {
        out.println();
        out.println("Latest attacks");
        List<LatestEvents.Event> events = s.latest.newestFirst();
        if (events.isEmpty()) {
            out.println("  (none)");
        }
        for (LatestEvents.Event e : events) {
            // Time (24) + action (24) + source (15) + status (3): the path gets its own line, it is often long.
            out.printf("  %-24s %-24s %-20s %s%n", Timestamps.format(e.timestampMillis()),
                    SafeText.fit(SafeText.terminal(e.action()), 24),
                    SafeText.fit(SafeText.terminal(e.sourceIp()), 20),
                    e.statusCode() >= 0 ? Integer.toString(e.statusCode()) : "-");
            out.printf("    %s%n", SafeText.fit(SafeText.terminal(
                    (e.method() == null ? "" : e.method() + " ") + (e.urlPath() == null ? "-" : e.urlPath())), 76));
        }
    }

    private void others(PrintStream out) {
        List<CappedCounter.Count> rows = s.otherEvents.top(LogSummary.MAX_TYPES);
        if (rows.isEmpty()) {
            return;
        }
        out.println();
        out.printf("%-" + KEY_WIDTH + "s%12s%n", "Other Bulwark events", "events");
        for (CappedCounter.Count row : rows) {
            out.printf("  %-" + (KEY_WIDTH - 2) + "s%12d%n",
                    SafeText.fit(SafeText.terminal(row.key()), KEY_WIDTH - 2), row.count());
        }
    }

    private static String bar(long value, long max) {
        int n = max == 0 ? 0 : (int) Math.round((double) value * BAR_WIDTH / max);
        return "#".repeat(value > 0 ? Math.max(1, n) : 0);
    }
}
