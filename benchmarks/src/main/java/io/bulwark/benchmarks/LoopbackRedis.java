package io.bulwark.benchmarks;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import redis.embedded.RedisServer;

/** A real Redis server on a free loopback port, and the two ways of keeping a shared bucket in it. */
final class LoopbackRedis implements AutoCloseable {

    private final RedisServer server;
    final int port;

    LoopbackRedis() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").build();
        server.start();
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }

    /** Bucket4j's stock proxy for Lettuce: a read, then a compare-and-swap, retried until the swap wins. */
    static final class Bucket4jCas implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisConnection<byte[], byte[]> connection;
        private final BucketProxy bucket;

        Bucket4jCas(String uri, String key, long limit, Duration period) {
            client = RedisClient.create(uri);
            connection = client.connect(ByteArrayCodec.INSTANCE);
            var proxies = Bucket4jLettuce.casBasedBuilder(connection).build();
            BucketConfiguration configuration = BucketConfiguration.builder()
                    .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, period).build())
                    .build();
            bucket = proxies.builder().build(key.getBytes(StandardCharsets.UTF_8), () -> configuration);
        }

        boolean tryConsume() {
            return bucket.tryConsume(1);
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }

    /** Calls per command since the last reset, from {@code INFO commandstats}: what actually crossed the wire. */
    static Map<String, Long> commandCalls(String uri) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8)) {
            Map<String, Long> calls = new TreeMap<>();
            for (String line : connection.sync().info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_")) {
                    String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                    String stats = line.substring(line.indexOf(':') + 1);
                    long count = Long.parseLong(stats.substring("calls=".length(), stats.indexOf(',')));
                    calls.put(name, count);
                }
            }
            return calls;
        } finally {
            client.shutdown();
        }
    }

    static void resetStats(String uri) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8)) {
            connection.sync().configResetstat();
            connection.sync().flushall();
        } finally {
            client.shutdown();
        }
    }
}
