package io.bulwark.agent;

import io.bulwark.agent.log.EventIds;
import io.bulwark.policies.auth.BruteForceGuard;
import io.bulwark.policies.auth.BruteForceSettings;
import io.bulwark.policies.ratelimit.FloodAggregator;
import io.bulwark.policies.ratelimit.FloodAggregator.FloodEvent;
import io.bulwark.policies.ratelimit.LocalStore;
import io.bulwark.policies.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;

/**
 * What entry protections remember across policy reloads: rate-limit buckets, open flood windows and brute-force
 * counts. Editing an unrelated part of the policy must not hand every client a full bucket or lift every block, and a
 * window open at reload time must still be logged when it closes.
 */
final class EntryState {

    /** Refusals of one client under one limit fold into one log line per window this long. */
    static final Duration FLOOD_WINDOW = Duration.ofMillis(Long.getLong("bulwark.floodWindowMillis", 10_000L));
    /** Open flood windows at once; beyond this, refusals fold into one overflow window per limit. */
    static final int MAX_FLOOD_WINDOWS = 10_000;

    private final RateLimiter limiter;
    private final FloodAggregator<RefusedRequest> floods;
    private BruteForceSettings bruteForceSettings;
    private BruteForceGuard bruteForceGuard;

    EntryState() {
        this(new RateLimiter(new LocalStore()), FLOOD_WINDOW);
    }

    EntryState(RateLimiter limiter, Duration floodWindow) {
        this.limiter = limiter;
        this.floods = new FloodAggregator<>(floodWindow, MAX_FLOOD_WINDOWS, EventIds::next);
    }

    RateLimiter limiter() {
        return limiter;
    }

    FloodAggregator<RefusedRequest> floods() {
        return floods;
    }

    /**
     * The guard for these settings: the one in use when they did not change (counts and blocks survive the reload),
     * a fresh one when they did (a block computed under other thresholds would be wrong under the new ones).
     */
    synchronized BruteForceGuard bruteForceGuard(BruteForceSettings settings) {
        if (settings == null) {
            bruteForceSettings = null;
            bruteForceGuard = null;
            return null;
        }
        if (!settings.equals(bruteForceSettings)) {
            bruteForceSettings = settings;
            bruteForceGuard = new BruteForceGuard(settings);
        }
        return bruteForceGuard;
    }

    /** The flood windows that have ended; the agent's flusher calls this about once a second. */
    List<FloodEvent<RefusedRequest>> closeWindows(long nowNanos) {
        return floods.closeWindows(nowNanos);
    }
}
