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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>Standalone Redis (or Sentinel-managed) only: the keys of one request's limits are used in one script, which Redis
 * Cluster refuses unless they share a hash slot.
 */
public final class RedisStore implements RateLimitStore {

    /** Told of transitions only, never per request. */
    public interface OutageListener {
        void unavailable(String redactedUri, Throwable cause);

        void recovered(String redactedUri);
    }

    static final String KEY_PREFIX = "bulwark:rl:";
    private static final long RECONNECT_INTERVAL_NANOS = 1_000_000_000L;
    private static final int MAX_QUEUED_COMMANDS = 10_000;

    private final RedisSettings settings;
    private final OutageListener listener;
    private final RedisClient client;
    private final RedisURI uri;
    private final String script;
    private final String scriptSha;
    private final long timeoutNanos;
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicLong lastConnectAttempt = new AtomicLong(System.nanoTime() - RECONNECT_INTERVAL_NANOS);
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean closed;

    public RedisStore(RedisSettings settings, OutageListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.timeoutNanos = settings.timeout().toNanos();
        this.script = loadScript();
        this.scriptSha = sha1(script);
        this.uri = RedisURI.create(settings.uri());
        this.uri.setTimeout(settings.timeout());
        this.client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(MAX_QUEUED_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                .build());
        connectInBackground();
    }

    @Override
    public StoreVerdict tryConsume(List<LimitSpec> limits, List<String> keys, long nowNanos) {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            connectInBackground();
            return failed(new IllegalStateException("not connected"));
        }
        long deadline = System.nanoTime() + timeoutNanos;
        String[] redisKeys = new String[keys.size()];
        String[] args = new String[2 * keys.size()];
        for (int i = 0; i < redisKeys.length; i++) {
            LimitSpec spec = limits.get(i);
            redisKeys[i] = KEY_PREFIX + keys.get(i);
            args[2 * i] = Double.toString(spec.period().toNanos() / 1000.0 / spec.limit());
            args[2 * i + 1] = Long.toString(spec.burst());
        }
        try {
            List<Object> reply;
            try {
                reply = await(current.async().evalsha(scriptSha, ScriptOutputType.MULTI, redisKeys, args), deadline);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RedisNoScriptException)) {
                    throw e;
                }
                // A restarted or flushed Redis lost the script cache: send the script once, it is cached again.
                reply = await(current.async().eval(script, ScriptOutputType.MULTI, redisKeys, args), deadline);
            }
            StoreVerdict verdict = toVerdict(reply, limits.size());
            if (healthy.compareAndSet(false, true)) {
                listener.recovered(settings.redactedUri());
            }
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

    /** Whether the last decision got an answer from Redis. */
    public boolean healthy() {
        return healthy.get() && connection != null;
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(0, 1, TimeUnit.SECONDS);
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

    private StoreVerdict failed(Throwable cause) {
        if (healthy.compareAndSet(true, false)) {
            listener.unavailable(settings.redactedUri(), cause);
        }
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
        if (closed || connection != null || now - last < RECONNECT_INTERVAL_NANOS
                || !lastConnectAttempt.compareAndSet(last, now) || !connecting.compareAndSet(false, true)) {
            return;
        }
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((opened, error) -> {
            connecting.set(false);
            if (error != null) {
                failed(error);
                return;
            }
            if (closed) {
                opened.close();
                return;
            }
            connection = opened;
        });
    }

    private static String loadScript() {
        try (InputStream in = RedisStore.class.getResourceAsStream("gcra.lua")) {
            if (in == null) {
                throw new IllegalStateException("gcra.lua is missing from the agent");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
