package io.bulwark.policies.detect;

import java.time.Duration;

/**
 * One surge, reported once per window per client (or route) and kind.
 *
 * @param kind      what surged
 * @param client    the client address; null for {@link SpikeKind#ROUTE_SURGE}
 * @param route     the route key for {@link SpikeKind#ROUTE_SURGE}; otherwise the path of the request that crossed
 *                  the threshold
 * @param count     the count within the window when the threshold was crossed
 * @param threshold the count allowed per window
 * @param window    the window length
 */
public record SpikeFinding(SpikeKind kind, String client, String route, long count, long threshold,
                           Duration window) {
}
