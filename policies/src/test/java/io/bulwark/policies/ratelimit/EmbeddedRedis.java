package io.bulwark.policies.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.policies.ratelimit.RedisSettings.FailureMode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the binary embedded-redis ships) on a free loopback port, and the stores a test connects to
 * it, closed together. Outages the stores report are kept in order as {@code down HOST} / {@code up HOST}.
 * Persistence is off, so a restarted server has forgotten everything, as a restarted cache would.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final int port;
    private final RedisServer server;
    private final List<String> outages = new CopyOnWriteArrayList<>();
    private final List<RedisStore> stores = new ArrayList<>();

    private EmbeddedRedis(int port) throws IOException {
        this.port = port;
        this.server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").build();
        server.start();
    }

    public static EmbeddedRedis start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return new EmbeddedRedis(port); // the probe socket closed first: Redis binds the port itself
    }

    public int port() {
        return port;
    }

    /** Kills the server; the stores see an outage. */
    public void stop() throws IOException {
        server.stop();
    }

    /** Starts the server again on the same port, empty. */
    public void restart() throws IOException {
        server.start();
    }

    /** What the stores reported, in order: {@code down 127.0.0.1}, {@code up 127.0.0.1}. */
    public List<String> outages() {
        return outages;
    }

    public RedisSettings settings(Duration timeout, FailureMode mode) {
        return new RedisSettings("redis://127.0.0.1:" + port, timeout, mode);
    }

    /** Records into {@link #outages()}. */
    public RedisStore.OutageListener outageListener() {
        return new RedisStore.OutageListener() {
            @Override
            public void unavailable(String redactedUri, Throwable cause) {
                outages.add("down " + host(redactedUri));
            }

            @Override
            public void recovered(String redactedUri) {
                outages.add("up " + host(redactedUri));
            }
        };
    }

    /** A store on this server, not started (it connects lazily, on its first decision), closed with the fixture. */
    public RedisStore store(Duration timeout, FailureMode mode) {
        return track(new RedisStore(settings(timeout, mode), outageListener()));
    }

    /** A store already talking to the server. */
    public RedisStore connectedStore(Duration timeout, FailureMode mode) {
        RedisStore store = store(timeout, mode);
        store.start();
        awaitTrue(store::healthy);
        return store;
    }

    /** Closes {@code store} with the fixture. */
    public RedisStore track(RedisStore store) {
        stores.add(store);
        return store;
    }

    @Override
    public void close() throws IOException {
        stores.forEach(RedisStore::close);
        if (server.isActive()) {
            server.stop();
        }
    }

    /** Waits up to 15 s: reconnecting after a restart takes Lettuce's backoff, not a fixed time. */
    public static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 15s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String host(String uri) {
        return uri.substring("redis://".length(), uri.lastIndexOf(':'));
    }
}
