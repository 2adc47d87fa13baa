package io.bulwark.policies.ratelimit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Folds rate-limit refusals into one log event per client and limit per window, so a flood of a million refused
 * requests writes a handful of lines, each with its count. The first refusal of a window gets a fresh event id;
 * every later refusal in the window reuses it for its response body, so a client's support ticket leads to the one
 * line that describes it.
 *
 * <p>A window opens at its first refusal and closes {@code window} later; its event is produced when it closes (by
 * {@link #closeWindows} or by a later {@link #reject}), since only then is the count known. At most
 * {@code maxTracked} windows are open at once; refusals of further clients fold into one overflow window per limit, so
 * memory stays bounded when a flood comes from a million addresses and still nothing goes uncounted.
 *
 * @param <T> what the caller wants logged about the first refused request of a window (address, path, user)
 */
public final class FloodAggregator<T> {

    /** What a refused request should carry: the event id, and whether it opened the window. */
    public record Rejection(String eventId, boolean firstInWindow) {
    }

    /**
     * One closed window.
     *
     * @param clientKey {@code null} for an overflow window, which counts refusals of clients beyond
     *                  {@code maxTracked}
     * @param first     what the caller supplied for the window's first refused request
     */
    public record FloodEvent<T>(String eventId, String limitName, String clientKey, long rejected,
                                long firstNanos, long lastNanos, T first) {

        public boolean overflow() {
            return clientKey == null;
        }
    }

    private final long windowNanos;
    private final int maxTracked;
    private final Supplier<String> newEventId;
    private final Map<WindowKey, Window<T>> open = new HashMap<>();
    private final Map<String, Window<T>> overflow = new HashMap<>();
    private final ArrayDeque<Window<T>> byEnd = new ArrayDeque<>();

    /**
     * @param window     how long refusals of one client under one limit fold into one event
     * @param maxTracked how many client windows may be open at once
     * @param newEventId the attack log's event id generator
     */
    public FloodAggregator(Duration window, int maxTracked, Supplier<String> newEventId) {
        if (window.isNegative() || window.isZero() || maxTracked < 1) {
            throw new IllegalArgumentException("window must be positive and maxTracked at least 1");
        }
        this.windowNanos = window.toNanos();
        this.maxTracked = maxTracked;
        this.newEventId = Objects.requireNonNull(newEventId);
    }

    /**
     * Counts one refusal.
     *
     * @param closed        receives the events of windows that have ended by {@code nowNanos}
     * @param firstDetails  called only when this refusal opens a window
     */
    public synchronized Rejection reject(String limitName, String clientKey, long nowNanos, Supplier<T> firstDetails,
                                         List<FloodEvent<T>> closed) {
        drainEnded(nowNanos, closed);
        WindowKey key = new WindowKey(limitName, clientKey);
        Window<T> window = open.get(key);
        if (window == null && open.size() >= maxTracked) {
            window = overflow.get(limitName);
            if (window == null) {
                window = open(limitName, null, nowNanos, firstDetails);
                overflow.put(limitName, window);
            } else {
                window.count(nowNanos);
            }
            return new Rejection(window.eventId, window.rejected == 1);
        }
        if (window == null) {
            window = open(limitName, clientKey, nowNanos, firstDetails);
            open.put(key, window);
            return new Rejection(window.eventId, true);
        }
        window.count(nowNanos);
        return new Rejection(window.eventId, false);
    }

    /** The events of every window that has ended by {@code nowNanos}; call it now and then so quiet windows close. */
    public synchronized List<FloodEvent<T>> closeWindows(long nowNanos) {
        List<FloodEvent<T>> closed = new ArrayList<>();
        drainEnded(nowNanos, closed);
        return closed;
    }

    /** Windows open now, overflow windows included. */
    public synchronized int openWindows() {
        return byEnd.size();
    }

    private Window<T> open(String limitName, String clientKey, long nowNanos, Supplier<T> firstDetails) {
        Window<T> window = new Window<>(newEventId.get(), limitName, clientKey, nowNanos, nowNanos + windowNanos,
                firstDetails.get());
        byEnd.addLast(window);
        return window;
    }

    private void drainEnded(long nowNanos, List<FloodEvent<T>> closed) {
        // Windows are the same length and opened in clock order, so they end in queue order (give or take the
        // nanoseconds by which concurrent callers' clock readings disagree).
        while (!byEnd.isEmpty() && byEnd.peekFirst().endNanos <= nowNanos) {
            Window<T> window = byEnd.pollFirst();
            if (window.clientKey == null) {
                overflow.remove(window.limitName);
            } else {
                open.remove(new WindowKey(window.limitName, window.clientKey));
            }
            closed.add(new FloodEvent<>(window.eventId, window.limitName, window.clientKey, window.rejected,
                    window.firstNanos, window.lastNanos, window.first));
        }
    }

    private record WindowKey(String limitName, String clientKey) {
    }

    private static final class Window<T> {
        final String eventId;
        final String limitName;
        final String clientKey;
        final long firstNanos;
        final long endNanos;
        final T first;
        long rejected = 1;
        long lastNanos;

        Window(String eventId, String limitName, String clientKey, long firstNanos, long endNanos, T first) {
            this.eventId = eventId;
            this.limitName = limitName;
            this.clientKey = clientKey;
            this.firstNanos = firstNanos;
            this.endNanos = endNanos;
            this.first = first;
            this.lastNanos = firstNanos;
        }

        void count(long nowNanos) {
            rejected++;
            lastNanos = Math.max(lastNanos, nowNanos);
        }
    }
}
