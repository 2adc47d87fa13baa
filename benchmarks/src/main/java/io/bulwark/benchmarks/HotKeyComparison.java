package io.bulwark.benchmarks;

import io.bulwark.policies.ratelimit.LimitSpec;
import io.bulwark.policies.ratelimit.RateLimitDecision;
import io.bulwark.policies.ratelimit.RateLimiter;
import io.bulwark.policies.ratelimit.RedisSettings;
import io.bulwark.policies.ratelimit.RedisStore;
import io.bulwark.policies.ratelimit.RequestKeys;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The comparison, from two JVMs on one hot key: {@code java -cp benchmarks/target/benchmarks.jar
 * io.bulwark.benchmarks.HotKeyComparison [requestsPerThread] [threadsPerJvm]}.
 *
 * <p>Starts a real Redis on loopback, then, for each implementation, two child JVMs (each one client connection shared
 * by its threads, as one agent node) that start at the same instant and spend a limit of half the requests they send
 * together. Reports what was admitted against the limit, the commands the server executed per decision (round trips;
 * for Bucket4j, compare-and-swap attempts beyond one per decision are its retries) and the client-side latency.
 */
public final class HotKeyComparison {

    private static final String GCRA = "gcra-script";
    private static final String BUCKET4J = "bucket4j-cas";

    private HotKeyComparison() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("node")) {
            node(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]),
                    Long.parseLong(args[6]));
            return;
        }
        int requestsPerThread = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long limit = 2L * threads * requestsPerThread / 2;
        try (LoopbackRedis redis = new LoopbackRedis()) {
            for (String implementation : List.of(GCRA, BUCKET4J)) {
                LoopbackRedis.resetStats(redis.uri());
                long startAt = System.currentTimeMillis() + 4000;
                List<Process> nodes = new ArrayList<>();
                for (int n = 0; n < 2; n++) {
                    nodes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-cp", System.getProperty("java.class.path"), HotKeyComparison.class.getName(), "node",
                            implementation, redis.uri(), Integer.toString(requestsPerThread),
                            Integer.toString(threads), Long.toString(limit), Long.toString(startAt))
                            .redirectError(ProcessBuilder.Redirect.INHERIT).start());
                }
                long admitted = 0;
                long decisions = 0;
                List<String> latencies = new ArrayList<>();
                for (Process node : nodes) {
                    try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        String[] result = out.readLine().split(" ", 3);
                        admitted += Long.parseLong(result[0]);
                        decisions += Long.parseLong(result[1]);
                        latencies.add(result[2]);
                    }
                    node.waitFor();
                }
                Map<String, Long> calls = LoopbackRedis.commandCalls(redis.uri());
                calls.remove("info");
                calls.remove("config|resetstat");
                calls.remove("flushall");
                calls.remove("hello");
                calls.remove("client|setinfo");
                calls.remove("script|load");
                long commands = calls.values().stream().mapToLong(Long::longValue).sum();
                System.out.printf("%s: 2 JVMs x %d threads, %d decisions on one key, limit %d: admitted %d (%s); "
                                + "server commands %s = %.2f per decision; latency per JVM %s%n",
                        implementation, threads, decisions, limit, admitted,
                        admitted == limit ? "exact" : "off by " + (admitted - limit), calls,
                        (double) commands / decisions, latencies);
            }
        }
    }

    /** One node: its threads wait for the common start, then each sends its requests as fast as answers come. */
    private static void node(String implementation, String uri, int requests, int threads, long limit, long startAt)
            throws Exception {
        // A year per window: no token refills during the run, so "exactly the limit" is exactly `limit`.
        LimitSpec spec = LimitSpec.of("hot", List.of("route"), limit, Duration.ofDays(365), null);
        RateLimiter gcra = null;
        LoopbackRedis.Bucket4jCas bucket4j = null;
        BooleanSupplier decide;
        if (implementation.equals(GCRA)) {
            RedisStore store = new RedisStore(new RedisSettings(uri, Duration.ofSeconds(10),
                    RedisSettings.FailureMode.DENY), new RateLimitRedisBenchmark.FailOnOutage());
            gcra = new RateLimiter(store);
            RateLimiter limiter = gcra;
            RequestKeys hot = RequestKeys.ofIp("198.51.100.7", "/hot");
            store.start();
            while (!store.healthy()) {
                Thread.sleep(10);
            }
            // Loads the script into the server's cache, on a key of its own: the hot key sees only measured decisions.
            limiter.decide(List.of(spec), RequestKeys.ofIp("192.0.2.1", "/warm"), System.nanoTime());
            decide = () -> {
                RateLimitDecision decision = limiter.decide(List.of(spec), hot, System.nanoTime());
                if (decision.storeUnavailable()) {
                    throw new IllegalStateException("Redis did not answer");
                }
                return decision.admitted();
            };
        } else {
            bucket4j = new LoopbackRedis.Bucket4jCas(uri, "b4j:hot", limit, Duration.ofDays(365));
            decide = bucket4j::tryConsume;
        }
        long[][] nanos = new long[threads][requests];
        long[] admitted = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            workers[t] = new Thread(() -> {
                while (System.currentTimeMillis() < startAt) {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < requests; i++) {
                    long started = System.nanoTime();
                    boolean ok = decide.getAsBoolean();
                    nanos[index][i] = System.nanoTime() - started;
                    admitted[index] += ok ? 1 : 0;
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long[] all = Arrays.stream(nanos).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("%d %d p50=%dus p99=%dus max=%dus%n", Arrays.stream(admitted).sum(), all.length,
                all[all.length / 2] / 1000, all[(int) (all.length * 0.99)] / 1000, all[all.length - 1] / 1000);
        System.out.flush();
        if (gcra != null) {
            gcra.store().close();
        }
        if (bucket4j != null) {
            bucket4j.close();
        }
    }
}
