package io.bulwark.policies.detect;

/**
 * A request that read far more rows than its route usually does.
 *
 * @param route     the route's key (its path pattern, or {@link RowBaseline#NO_ROUTE})
 * @param rows      rows this request read
 * @param usualRows the route's average rows per request before this one
 * @param factor    the configured factor that was exceeded
 * @param samples   requests the average is made of
 */
public record RowAnomaly(String route, long rows, double usualRows, int factor, long samples) {
}
