package io.bulwark.policies.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Flags clients that pile up 4xx responses, failed credentials or blocked attacks, or that sweep many paths, and
 * routes whose 4xx count surges, each reported once per window per (client or route, kind).
 *
 * <p>Counts are sliding-window estimates from two fixed windows (the current count plus the previous window's,
 * weighted by how much of it still overlaps the last {@code window}), so a scanner cannot hide by straddling a
 * window boundary, and memory stays two counters per kind. Distinct paths are counted per fixed window, as hashes
 * in a small array (a collision under-counts by one; good enough for a threshold of tens).
 *
 * <p>Only requests that end with 4xx or were refused are counted: ordinary traffic neither locks nor allocates.
 * Clients and routes live in tables of at most {@code maxClients} entries each, least recently seen forgotten
 * first, so a spoofed-address flood cannot grow memory (it loses per-client precision instead).
 */
public final class SpikeDetector {

    /** A route needs this many windows of history before its average means anything. */
    private static final int ROUTE_MIN_WINDOWS = 3;
    private static final double ROUTE_SMOOTHING = 0.2;

    private static final int ERRORS = 0;
    private static final int AUTH = 1;
    private static final int BLOCKED = 2;

    private final SpikeThresholds limits;
    private final long windowNanos;
    private final BoundedTable<String, ClientCounters> clients;
    private final BoundedTable<String, RouteCounter> routes;

    public SpikeDetector(SpikeThresholds limits) {
        this.limits = limits;
        this.windowNanos = limits.window().toNanos();
        this.clients = new BoundedTable<>(limits.maxClients());
        this.routes = new BoundedTable<>(limits.maxClients());
    }

    /** Whether a request that ended this way is counted at all; callers may skip {@link #observe} otherwise. */
    public static boolean counts(int status, boolean authFailure, boolean blockedAttack) {
        return (status >= 400 && status < 500) || authFailure || blockedAttack;
    }

    /**
     * Counts one finished request.
     *
     * @param client        the client address
     * @param route         the matched route's key, or {@link RowBaseline#NO_ROUTE}
     * @param path          the normalised request path, for sweeps
     * @param status        the response status
     * @param authFailure   missing or bad credentials
     * @param blockedAttack refused for an attack
     * @param nowNanos      {@link System#nanoTime()}
     * @return the surges this request made reportable; empty almost always
     */
    public List<SpikeFinding> observe(String client, String route, String path, int status, boolean authFailure,
                                      boolean blockedAttack, long nowNanos) {
        if (!counts(status, authFailure, blockedAttack)) {
            return List.of();
        }
        List<SpikeFinding> findings = null;
        synchronized (this) {
            ClientCounters counters = clients.get(client);
            if (counters == null) {
                counters = new ClientCounters(nowNanos, Math.min(limits.distinctPaths() + 1, 64));
                clients.put(client, counters);
            }
            counters.roll(nowNanos, windowNanos);
            boolean clientError = status >= 400 && status < 500;
            if (clientError) {
                findings = counters.count(ERRORS, SpikeKind.CLIENT_ERRORS, limits.clientErrors(), client, path,
                        nowNanos, findings);
                if (counters.addPath(path.hashCode(), limits.distinctPaths())
                        && counters.mayReport(SpikeKind.PATH_SWEEP, nowNanos, windowNanos)) {
                    findings = add(findings, new SpikeFinding(SpikeKind.PATH_SWEEP, client, path,
                            counters.paths, limits.distinctPaths(), limits.window()));
                }
            }
            if (authFailure) {
                findings = counters.count(AUTH, SpikeKind.AUTH_FAILURES, limits.authFailures(), client, path,
                        nowNanos, findings);
            }
            if (blockedAttack) {
                findings = counters.count(BLOCKED, SpikeKind.BLOCKED_ATTACKS, limits.blockedAttacks(), client, path,
                        nowNanos, findings);
            }
            if (clientError) {
                findings = countRoute(route, nowNanos, findings);
            }
        }
        return findings == null ? List.of() : findings;
    }

    private List<SpikeFinding> countRoute(String route, long nowNanos, List<SpikeFinding> findings) {
        RouteCounter counter = routes.get(route);
        if (counter == null) {
            counter = new RouteCounter(nowNanos);
            routes.put(route, counter);
        }
        counter.roll(nowNanos, windowNanos);
        counter.current++;
        double usual = Math.max(counter.average, 1.0);
        if (counter.windows >= ROUTE_MIN_WINDOWS && counter.current > limits.routeSurgeFactor() * usual
                && counter.current > limits.clientErrors() && nowNanos - counter.quietUntil >= 0) {
            counter.quietUntil = nowNanos + windowNanos;
            findings = add(findings, new SpikeFinding(SpikeKind.ROUTE_SURGE, null, route, counter.current,
                    (long) Math.ceil(limits.routeSurgeFactor() * usual), limits.window()));
        }
        return findings;
    }

    synchronized int trackedClients() {
        return clients.size();
    }

    private static List<SpikeFinding> add(List<SpikeFinding> findings, SpikeFinding finding) {
        List<SpikeFinding> list = findings == null ? new ArrayList<>(2) : findings;
        list.add(finding);
        return list;
    }

    private final class ClientCounters {
        long windowStart;
        final int[] current = new int[3];
        final int[] previous = new int[3];
        /** Per {@link SpikeKind} ordinal: no report of that kind before this time. */
        final long[] quietUntil = new long[SpikeKind.values().length];
        final boolean[] reportedOnce = new boolean[SpikeKind.values().length];
        int[] pathHashes;
        int paths;

        ClientCounters(long nowNanos, int initialPaths) {
            windowStart = nowNanos;
            pathHashes = new int[initialPaths];
        }

        void roll(long nowNanos, long window) {
            long elapsed = nowNanos - windowStart;
            if (elapsed < window) {
                return;
            }
            long windows = elapsed / window;
            for (int i = 0; i < current.length; i++) {
                previous[i] = windows == 1 ? current[i] : 0;
                current[i] = 0;
            }
            windowStart += windows * window;
            paths = 0;
        }

        /** The sliding estimate: this window's count plus the still-overlapping share of the previous one. */
        long estimate(int counter, long nowNanos, long window) {
            double overlap = (double) (window - (nowNanos - windowStart)) / window;
            return current[counter] + (long) (previous[counter] * Math.max(0.0, overlap));
        }

        List<SpikeFinding> count(int counter, SpikeKind kind, int threshold, String client, String path,
                                 long nowNanos, List<SpikeFinding> findings) {
            current[counter]++;
            long count = estimate(counter, nowNanos, windowNanos);
            if (count > threshold && mayReport(kind, nowNanos, windowNanos)) {
                return add(findings, new SpikeFinding(kind, client, path, count, threshold, limits.window()));
            }
            return findings;
        }

        boolean mayReport(SpikeKind kind, long nowNanos, long window) {
            int k = kind.ordinal();
            if (reportedOnce[k] && nowNanos - quietUntil[k] < 0) {
                return false;
            }
            reportedOnce[k] = true;
            quietUntil[k] = nowNanos + window;
            return true;
        }

        /** Adds a path to this window's set; true when the set just went beyond {@code threshold}. */
        boolean addPath(int hash, int threshold) {
            if (paths > threshold) {
                return false;
            }
            for (int i = 0; i < paths; i++) {
                if (pathHashes[i] == hash) {
                    return false;
                }
            }
            if (paths == pathHashes.length) {
                pathHashes = java.util.Arrays.copyOf(pathHashes, Math.min(pathHashes.length * 2, threshold + 1));
            }
            pathHashes[paths++] = hash;
            return paths > threshold;
        }
    }

    private static final class RouteCounter {
        long windowStart;
        long current;
        double average;
        int windows;
        long quietUntil;

        RouteCounter(long nowNanos) {
            windowStart = nowNanos;
            quietUntil = nowNanos;
        }

        void roll(long nowNanos, long window) {
            long elapsed = nowNanos - windowStart;
            if (elapsed < window) {
                return;
            }
            long passed = elapsed / window;
            average += ROUTE_SMOOTHING * (current - average);
            // The windows in between saw no 4xx at all; each pulls the average toward zero.
            average *= Math.pow(1 - ROUTE_SMOOTHING, Math.min(passed - 1, 1000));
            windows = (int) Math.min(windows + passed, Integer.MAX_VALUE);
            current = 0;
            windowStart += passed * window;
        }
    }
}
