package io.bulwark.agent.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Attacks over time in a fixed number of buckets, whatever the span: buckets start one second wide and widen along a
 * ladder of widths, each a multiple of the one before, whenever the events no longer fit. Because each width divides
 * the next, widening and the coarser display buckets are exact sums, never estimates. Events may arrive in any
 * order (a live file read before its rotated predecessors): the buckets are placed with room on both sides, so
 * going backwards in time rebuilds them only a few times per width.
 */
final class Timeline {

    /** One display bucket: [startMillis, startMillis + widthMillis). */
    record Bucket(long startMillis, long widthMillis, long blocked, long monitored) {
        long total() {
            return blocked + monitored;
        }
    }

    private static final long SECOND = 1000;
    private static final long DAY = 86_400 * SECOND;
    /** 1 s up to 3360 days: 4096 buckets of the widest cover years 0000-9999, all that a timestamp may hold. */
    static final long[] WIDTHS = {
        SECOND, 5 * SECOND, 10 * SECOND, 30 * SECOND, 60 * SECOND, 300 * SECOND, 600 * SECOND, 1800 * SECOND,
        3600 * SECOND, 3 * 3600 * SECOND, 6 * 3600 * SECOND, 12 * 3600 * SECOND, DAY, 7 * DAY, 28 * DAY,
        336 * DAY, 3360 * DAY,
    };

    private final int capacity;
    private int level;
    private long origin;
    private long[] blocked;
    private long[] monitored;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    Timeline(int capacity) {
        this.capacity = capacity;
        this.blocked = new long[capacity];
        this.monitored = new long[capacity];
    }

    void add(long millis, boolean wasBlocked) {
        if (min > max) {
            origin = Math.floorDiv(millis, width()) * width() - (capacity / 2) * width();
        } else if (millis < origin || millis >= origin + capacity * width()) {
            rebuild(Math.min(min, millis), Math.max(max, millis));
        }
        min = Math.min(min, millis);
        max = Math.max(max, millis);
        int index = (int) ((millis - origin) / width());
        if (wasBlocked) {
            blocked[index]++;
        } else {
            monitored[index]++;
        }
    }

    boolean isEmpty() {
        return min > max;
    }

    long first() {
        return min;
    }

    long last() {
        return max;
    }

    /**
     * The timeline in at most {@code maxBuckets} buckets of the narrowest ladder width that allows it, from the
     * bucket of the first event to that of the last, empty buckets included.
     */
    List<Bucket> buckets(int maxBuckets) {
        if (isEmpty()) {
            return List.of();
        }
        int displayLevel = level;
        while (displayLevel < WIDTHS.length - 1 && spanBuckets(WIDTHS[displayLevel], min, max) > maxBuckets) {
            displayLevel++;
        }
        long w = WIDTHS[displayLevel];
        long start = Math.floorDiv(min, w) * w;
        int n = (int) spanBuckets(w, min, max);
        long[] b = new long[n];
        long[] m = new long[n];
        for (int i = 0; i < capacity; i++) {
            if (blocked[i] != 0 || monitored[i] != 0) {
                int j = (int) ((origin + i * width() - start) / w);
                b[j] += blocked[i];
                m[j] += monitored[i];
            }
        }
        List<Bucket> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            out.add(new Bucket(start + j * w, w, b[j], m[j]));
        }
        return out;
    }

    private long width() {
        return WIDTHS[level];
    }

    private static long spanBuckets(long width, long from, long to) {
        return Math.floorDiv(to, width) - Math.floorDiv(from, width) + 1;
    }

    /** Re-places the buckets, widening first if [lo, hi] does not fit, leaving half the free room on each side. */
    private void rebuild(long lo, long hi) {
        int newLevel = level;
        while (spanBuckets(WIDTHS[newLevel], lo, hi) > capacity) {
            newLevel++;
        }
        long w = WIDTHS[newLevel];
        long slack = (capacity - spanBuckets(w, lo, hi)) / 2;
        long newOrigin = (Math.floorDiv(lo, w) - slack) * w;
        long[] b = new long[capacity];
        long[] m = new long[capacity];
        long oldWidth = width();
        for (int i = 0; i < capacity; i++) {
            if (blocked[i] != 0 || monitored[i] != 0) {
                // Old buckets are aligned to the old width, which divides the new one: each falls wholly in one.
                int j = (int) ((origin + i * oldWidth - newOrigin) / w);
                b[j] += blocked[i];
                m[j] += monitored[i];
            }
        }
        level = newLevel;
        origin = newOrigin;
        blocked = b;
        monitored = m;
    }
}
