package io.bulwark.policies.ratelimit;

import io.bulwark.policies.ratelimit.RedisSettings.FailureMode;
import io.bulwark.policies.ratelimit.StoreVerdict.BucketReading;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Buckets shared by a fleet through Redis: one {@code EVALSHA} of a GCRA script per decision, so N JVMs enforce one
 * limit exactly, in one round trip, with no read-compare-and-swap retries on a hot key.
 *
 * <p>No request waits longer than the configured timeout: a slow or absent Redis leaves the decision to
 * {@link FailureMode}. Commands are rejected at once while disconnected (never queued without bound), Lettuce
 * reconnects by itself after an outage, and an initial connection that failed is retried in the background at most
 * once a second. The {@link OutageListener} hears once when Redis stops answering and once when it is back, which is
 * how "logged once per outage" is kept.
 *
 * <p>Nothing happens at construction: the client, its threads and the connection are made by {@link #start()} (or the
 * first decision) on a thread of their own, so an agent that builds this store during {@code premain} neither loads
 * Netty nor contacts Redis there. The first decision waits for that first connection, within its timeout like any
 * other; decisions made while the first attempt is still under way are decided by the failure mode without being
 * reported as an outage (a start is not an outage).
 *
 * <p>The same connection, timeout and outage reporting serve the brute-force guard of the fleet
 * ({@link #recordFailure}, {@link #blockedMillis}), so a policy with both opens one connection to Redis.
 *
 * <p>Standalone Redis (or Sentinel-managed) only: the keys of one request's limits are used in one script, which Redis
 * Cluster refuses unless they share a hash slot.
 */
public final class RedisStore implements RateLimitStore {

    static {
        LibraryLogging.silence();
    }

    /** Told of transitions only, never per request. */
    public interface OutageListener {
        void unavailable(String redactedUri, Throwable cause);

        void recovered(String redactedUri);
    }

    /** Makes the store's threads; the agent's marks them as its own, so its hooks never check Redis I/O. */
    @FunctionalInterface
    public interface ThreadMaker {
        Thread newThread(Runnable task, String name);
    }

    /** Plain daemon threads, for tools and tests outside the agent. */
    public static final ThreadMaker DAEMON_THREADS = (task, name) -> {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    };

    /** How a failed credential was counted. */
    public enum FailureCount {
        COUNTED,
        /** This failure started the block; no other call in the fleet is told so for the same block. */
        BLOCK_STARTED,
        /** Redis did not answer within the timeout; the caller decides locally. */
        UNAVAILABLE
    }

    private record Script(String text, String sha) {
    }

    static final String KEY_PREFIX = "bulwark:rl:";
    static final String FAILURES_PREFIX = "bulwark:bf:n:";
    static final String BLOCK_PREFIX = "bulwark:bf:b:";
    private static final long RECONNECT_INTERVAL_NANOS = 1_000_000_000L;
    private static final int MAX_QUEUED_COMMANDS = 10_000;
    /** Jittered, so a fleet does not reconnect to a restarted Redis in one burst; capped, so recovery is quick. */
    private static final Delay RECONNECT_DELAY = Delay.equalJitter(Duration.ofMillis(100), Duration.ofSeconds(2), 100,
            TimeUnit.MILLISECONDS);

    private final RedisSettings settings;
    private final OutageListener listener;
    private final ThreadMaker threads;
    private final Script gcra;
    private final Script bruteForce;
    private final long timeoutNanos;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicLong lastConnectAttempt = new AtomicLong(System.nanoTime() - RECONNECT_INTERVAL_NANOS);
    private volatile ClientResources resources;
    private volatile RedisClient client;
    private volatile RedisURI uri;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean closed;

    public RedisStore(RedisSettings settings, OutageListener listener) {
        this(settings, listener, DAEMON_THREADS);
    }

    /** @param threads makes every thread the store and its client own, named {@code bulwark-redis-*} */
    public RedisStore(RedisSettings settings, OutageListener listener, ThreadMaker threads) {
        this.settings = settings;
        this.listener = listener;
        this.threads = threads;
        this.timeoutNanos = settings.timeout().toNanos();
        this.gcra = loadScript("gcra.lua");
        this.bruteForce = loadScript("brute-force.lua");
    }

    /** Begins connecting in the background, once; returns at once. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            Thread opener = threads.newThread(this::open, "bulwark-redis-start");
            opener.setDaemon(true);
            opener.start();
        }
    }

    @Override
    public StoreVerdict tryConsume(List<LimitSpec> limits, List<String> keys, long nowNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        StatefulRedisConnection<String, String> current = connectionBefore(deadline);
        if (current == null) {
            return failed(new IllegalStateException("not connected"));
        }
        String[] redisKeys = new String[keys.size()];
        String[] args = new String[2 * keys.size()];
        for (int i = 0; i < redisKeys.length; i++) {
            LimitSpec spec = limits.get(i);
            redisKeys[i] = KEY_PREFIX + keys.get(i);
            args[2 * i] = Double.toString(spec.period().toNanos() / 1000.0 / spec.limit());
            args[2 * i + 1] = Long.toString(spec.burst());
        }
        try {
            List<Object> reply = run(current, gcra, ScriptOutputType.MULTI, redisKeys, args, deadline);
            StoreVerdict verdict = toVerdict(reply, limits.size());
            answered();
            return verdict;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(e);
        } catch (ExecutionException e) {
            return failed(e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            return failed(e);
        }
    }

    /**
     * Counts one failed credential of {@code key} in a window of {@code window} that starts at its first failure; the
     * failure that brings the count to {@code maxFailures} blocks the key for {@code blockFor}. Failures of a blocked
     * key are not counted. One round trip, within the store's timeout.
     */
    public FailureCount recordFailure(String key, int maxFailures, Duration window, Duration blockFor) {
        long deadline = System.nanoTime() + timeoutNanos;
        StatefulRedisConnection<String, String> current = connectionBefore(deadline);
        if (current == null) {
            reportFailure(new IllegalStateException("not connected"));
            return FailureCount.UNAVAILABLE;
        }
        String[] keys = {FAILURES_PREFIX + key, BLOCK_PREFIX + key};
        String[] args = {Integer.toString(maxFailures), Long.toString(Math.max(1, window.toMillis())),
                Long.toString(Math.max(1, blockFor.toMillis()))};
        try {
            Long started = run(current, bruteForce, ScriptOutputType.INTEGER, keys, args, deadline);
            answered();
            return started != null && started == 1L ? FailureCount.BLOCK_STARTED : FailureCount.COUNTED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reportFailure(e);
        } catch (ExecutionException e) {
            reportFailure(e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            reportFailure(e);
        }
        return FailureCount.UNAVAILABLE;
    }

    /**
     * How long {@code key} stays blocked, read from the block's time to live: one {@code PTTL}, within the store's
     * timeout.
     *
     * @return milliseconds, 0 when not blocked; empty when Redis did not answer
     */
    public OptionalLong blockedMillis(String key) {
        long deadline = System.nanoTime() + timeoutNanos;
        StatefulRedisConnection<String, String> current = connectionBefore(deadline);
        if (current == null) {
            reportFailure(new IllegalStateException("not connected"));
            return OptionalLong.empty();
        }
        try {
            Long ttl = await(current.async().pttl(BLOCK_PREFIX + key), deadline);
            answered();
            // -2: no block; -1 (no expiry) cannot come from the script, and an unbounded block is never honoured.
            return OptionalLong.of(ttl == null || ttl < 0 ? 0 : ttl);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reportFailure(e);
        } catch (ExecutionException e) {
            reportFailure(e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            reportFailure(e);
        }
        return OptionalLong.empty();
    }

    /** Whether the store is connected and the last decision got an answer from Redis. */
    public boolean healthy() {
        return healthy.get() && connection != null;
    }

    public RedisSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
        RedisClient currentClient = client;
        if (currentClient != null) {
            currentClient.shutdown(0, 1, TimeUnit.SECONDS);
        }
        ClientResources currentResources = resources;
        if (currentResources != null) {
            currentResources.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }

    /** The open connection, or null (and a background attempt) when there is none by the deadline. */
    private StatefulRedisConnection<String, String> connectionBefore(long deadline) {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            current = awaitFirstConnection(deadline);
            if (current == null) {
                connectInBackground();
            }
        }
        return current;
    }

    private <T> T run(StatefulRedisConnection<String, String> current, Script script, ScriptOutputType type,
                      String[] keys, String[] args, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return await(current.async().<T>evalsha(script.sha(), type, keys, args), deadline);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof RedisNoScriptException)) {
                throw e;
            }
            // A restarted or flushed Redis lost the script cache: send the script once, it is cached again.
            return await(current.async().<T>eval(script.text(), type, keys, args), deadline);
        }
    }

    private void answered() {
        if (healthy.compareAndSet(false, true)) {
            listener.recovered(settings.redactedUri());
        }
    }

    /** The first decision starts the store and waits for its first connection, within its own deadline. */
    private StatefulRedisConnection<String, String> awaitFirstConnection(long deadline) {
        start();
        if (!firstAttempt.isDone()) {
            try {
                firstAttempt.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // decided by the failure mode below
            }
        }
        return connection;
    }

    /** Runs on a thread of its own: creating the client loads Netty and starts its event loop. */
    private void open() {
        try {
            ClientResources made = DefaultClientResources.builder()
                    .ioThreadPoolSize(1)
                    .computationThreadPoolSize(1)
                    .threadFactoryProvider(this::threadFactory)
                    .reconnectDelay(RECONNECT_DELAY)
                    .build();
            resources = made;
            RedisURI parsed = RedisURI.create(settings.uri());
            parsed.setTimeout(settings.timeout());
            uri = parsed;
            RedisClient created = RedisClient.create(made);
            created.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .requestQueueSize(MAX_QUEUED_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                    .build());
            client = created;
            if (closed) {
                close();
                firstAttempt.complete(null);
                return;
            }
            connectInBackground();
        } catch (RuntimeException | LinkageError e) {
            firstAttempt.complete(null);
            failed(e);
        }
    }

    private ThreadFactory threadFactory(String pool) {
        AtomicInteger count = new AtomicInteger();
        String prefix = "bulwark-redis-" + pool.replace("lettuce-", "") + "-";
        return task -> {
            Thread thread = threads.newThread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static <T> T await(CompletableFuture<T> future, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        long left = deadline - System.nanoTime();
        try {
            return future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw e;
        }
    }

    private static <T> T await(io.lettuce.core.RedisFuture<T> future, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        return await(future.toCompletableFuture(), deadline);
    }

    private void reportFailure(Throwable cause) {
        if (firstAttempt.isDone() && healthy.compareAndSet(true, false)) {
            listener.unavailable(settings.redactedUri(), cause);
        }
    }

    private StoreVerdict failed(Throwable cause) {
        reportFailure(cause);
        return StoreVerdict.unavailable(settings.onFailure() == FailureMode.ALLOW);
    }

    private static StoreVerdict toVerdict(List<Object> reply, int limits) {
        if (reply == null || reply.size() != 1 + 3 * limits) {
            throw new IllegalStateException("unexpected reply from the rate-limit script");
        }
        List<BucketReading> readings = new ArrayList<>(limits);
        for (int i = 0; i < limits; i++) {
            long remaining = (Long) reply.get(1 + 3 * i);
            long untilTokenMicros = (Long) reply.get(2 + 3 * i);
            long untilFullMicros = (Long) reply.get(3 + 3 * i);
            readings.add(new BucketReading(remaining, untilTokenMicros * 1000, untilFullMicros * 1000));
        }
        return new StoreVerdict((Long) reply.get(0) == 1L, List.copyOf(readings), false);
    }

    /** Never blocks the caller; one attempt at a time, at most one a second. */
    private void connectInBackground() {
        long now = System.nanoTime();
        long last = lastConnectAttempt.get();
        RedisClient client = this.client;
        if (client == null || closed || connection != null || now - last < RECONNECT_INTERVAL_NANOS
                || !lastConnectAttempt.compareAndSet(last, now) || !connecting.compareAndSet(false, true)) {
            return;
        }
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((opened, error) -> {
            connecting.set(false);
            if (error != null) {
                firstAttempt.complete(null);
                failed(error);
                return;
            }
            if (closed) {
                opened.close();
            } else {
                connection = opened;
            }
            firstAttempt.complete(null);
        });
    }

    private static Script loadScript(String name) {
        try (InputStream in = RedisStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the agent");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Script(text, sha1(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
