package io.bulwark.it.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import redis.embedded.RedisServer;

/**
 * A real Redis server (the binary embedded-redis ships) on a free loopback port, shared by the agents of several
 * forked JVMs. Persistence is off, so a restarted server has forgotten every count, as a restarted cache would.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final int port;
    private final RedisServer server;
    private final AtomicInteger probes = new AtomicInteger();

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

    /** Kills the server: the agents see an outage. */
    public void stop() throws IOException {
        server.stop();
    }

    /** Starts the server again on the same port, empty. */
    public void restart() throws IOException {
        server.start();
    }

    @Override
    public void close() throws IOException {
        if (server.isActive()) {
            server.stop();
        }
    }

    /**
     * Waits until {@code node}'s decisions come from this server. Admitted responses look the same either way, so this
     * asks a one-request limit twice under a fresh key: only a store that answers refuses the second. The node's
     * policy must route {@code /probe/**} to a limit of 1 keyed by {@code header:X-Probe}.
     */
    public void awaitReachedBy(DemoProcess node) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String key = "X-Probe: probe-" + probes.incrementAndGet();
            RawHttp.Response first = RawHttp.get(node.port(), "/probe/x", key);
            RawHttp.Response second = RawHttp.get(node.port(), "/probe/x", key);
            if (first.status() == 200 && second.status() == 429) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the node never reached Redis\n" + String.join("\n", node.stderrLines()));
    }
}
