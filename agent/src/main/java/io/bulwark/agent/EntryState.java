package io.bulwark.agent;

import io.bulwark.agent.log.EventIds;
import io.bulwark.policies.auth.BruteForce;
import io.bulwark.policies.auth.BruteForceGuard;
import io.bulwark.policies.auth.BruteForceSettings;
import io.bulwark.policies.auth.SharedBruteForce;
import io.bulwark.policies.ratelimit.FloodAggregator;
import io.bulwark.policies.ratelimit.FloodAggregator.FloodEvent;
import io.bulwark.policies.ratelimit.LocalStore;
import io.bulwark.bootstrap.AgentThread;
import io.bulwark.policies.ratelimit.RateLimiter;
import io.bulwark.policies.ratelimit.RedisSettings;
import io.bulwark.policies.ratelimit.RedisStore;
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

    private final RateLimiter localLimiter;
    private final StoreOutageLog outageLog;
    private final FloodAggregator<RefusedRequest> floods;
    private BruteForceSettings bruteForceSettings;
    private BruteForceGuard bruteForceGuard;
    private SharedBruteForce sharedBruteForce;
    private RedisSettings redisSettings;
    private RedisStore redisStore;
    private RateLimiter redisLimiter;

    EntryState() {
        this(new StoreOutageLog(new Diagnostics(System.err)));
    }

    EntryState(StoreOutageLog outageLog) {
        this(new RateLimiter(new LocalStore()), FLOOD_WINDOW, outageLog);
    }

    EntryState(RateLimiter localLimiter, Duration floodWindow) {
        this(localLimiter, floodWindow, new StoreOutageLog(new Diagnostics(System.err)));
    }

    EntryState(RateLimiter localLimiter, Duration floodWindow, StoreOutageLog outageLog) {
        this.localLimiter = localLimiter;
        this.outageLog = outageLog;
        this.floods = new FloodAggregator<>(floodWindow, MAX_FLOOD_WINDOWS, EventIds::next);
    }

    /** The limiter of the policy activated last. */
    synchronized RateLimiter limiter() {
        return redisSettings == null ? localLimiter : redisLimiter;
    }

    /**
     * The limiter for a policy's {@code store}: the local one without it; with it, the Redis-backed one in use when
     * the settings did not change (its connection survives the reload), a new one when they did. The replaced store
     * is closed: a request still deciding on it gets its failure mode, once. Nothing connects here: the store starts
     * on its first decision, on agent-owned threads, so activating a policy in {@code premain} never contacts Redis.
     */
    synchronized RateLimiter limiter(RedisSettings settings) {
        if (settings == null) {
            closeRedis();
            return localLimiter;
        }
        if (!settings.equals(redisSettings)) {
            closeRedis();
            redisSettings = settings;
            redisStore = new RedisStore(settings, outageLog.listenerFor(settings), AgentThread::new);
            redisLimiter = new RateLimiter(redisStore);
        }
        return redisLimiter;
    }

    private void closeRedis() {
        if (redisLimiter != null) {
            redisLimiter.store().close();
        }
        redisLimiter = null;
        redisStore = null;
        redisSettings = null;
        sharedBruteForce = null;
    }

    FloodAggregator<RefusedRequest> floods() {
        return floods;
    }

    /**
     * The guard for these settings: the one in use when they did not change (counts and blocks survive the reload),
     * a fresh one when they did (a block computed under other thresholds would be wrong under the new ones). With a
     * Redis store ({@link #limiter(RedisSettings)} is called first) counts and blocks are shared by the fleet on the
     * store's connection, and the in-memory guard serves while Redis does not answer.
     */
    synchronized BruteForce bruteForce(BruteForceSettings settings) {
        if (settings == null) {
            bruteForceSettings = null;
            bruteForceGuard = null;
            sharedBruteForce = null;
            return null;
        }
        if (!settings.equals(bruteForceSettings)) {
            bruteForceSettings = settings;
            bruteForceGuard = new BruteForceGuard(settings);
            sharedBruteForce = null;
        }
        if (redisStore == null) {
            sharedBruteForce = null;
            return bruteForceGuard;
        }
        if (sharedBruteForce == null || sharedBruteForce.store() != redisStore) {
            sharedBruteForce = new SharedBruteForce(redisStore, settings, bruteForceGuard);
        }
        return sharedBruteForce;
    }

    /** The flood windows that have ended; the agent's flusher calls this about once a second. */
    List<FloodEvent<RefusedRequest>> closeWindows(long nowNanos) {
        return floods.closeWindows(nowNanos);
    }
}
