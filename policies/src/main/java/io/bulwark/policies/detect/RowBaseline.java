package io.bulwark.policies.detect;

/**
 * What each route normally reads per request, and which request reads far more. The average is an exponentially
 * weighted moving average, so it follows a route whose data grows, and weighs about the last
 * {@code 1 / SMOOTHING} requests; until a route has {@code minSamples} requests it is a plain mean and judges
 * nothing, so a fresh route's first big export is not an anomaly.
 *
 * <p>An anomalous request is folded in only up to {@code factor} times the average: an attacker who repeats the
 * exfiltration must not teach the baseline that it is normal in a handful of requests.
 *
 * <p>Bounded: at most {@code maxRoutes} routes are tracked. Keys are route patterns from the policy, not raw paths,
 * so the bound is only a guard.
 */
public final class RowBaseline {

    /** The key of requests that matched no route. */
    public static final String NO_ROUTE = "(no route)";

    private static final double SMOOTHING = 0.05;

    private final int factor;
    private final long minSamples;
    private final BoundedTable<String, Average> routes;

    /**
     * @param factor     a request reading more than this many times the average (and at least {@code factor}
     *                   rows, so a route that reads nothing is not flagged for reading one row) is an anomaly
     * @param minSamples requests a route must have served before it judges
     * @param maxRoutes  routes tracked at once
     */
    public RowBaseline(int factor, long minSamples, int maxRoutes) {
        if (factor < 2 || minSamples < 1) {
            throw new IllegalArgumentException("factor must be at least 2 and minSamples at least 1");
        }
        this.factor = factor;
        this.minSamples = minSamples;
        this.routes = new BoundedTable<>(maxRoutes);
    }

    /**
     * Judges one finished request against its route's average, then folds it in.
     *
     * @return the anomaly, or null when the request was ordinary or the route has too few samples yet
     */
    public synchronized RowAnomaly record(String route, long rows) {
        Average average = routes.get(route);
        if (average == null) {
            average = new Average();
            routes.put(route, average);
        }
        double usual = average.mean;
        long samples = average.samples;
        double ceiling = factor * Math.max(usual, 1.0);
        boolean anomalous = samples >= minSamples && rows > ceiling;
        average.add(anomalous ? ceiling : rows);
        return anomalous ? new RowAnomaly(route, rows, usual, factor, samples) : null;
    }

    synchronized int trackedRoutes() {
        return routes.size();
    }

    private static final class Average {
        long samples;
        double mean;

        void add(double value) {
            samples++;
            double weight = Math.max(1.0 / samples, SMOOTHING);
            mean += weight * (value - mean);
        }
    }
}
