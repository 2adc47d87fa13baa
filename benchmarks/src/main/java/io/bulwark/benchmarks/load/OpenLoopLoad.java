package io.bulwark.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A load generator for one endpoint, in two modes.
 *
 * <p>Open loop ({@code --rate R}): request {@code i} is due at {@code start + i/R}, whether or not earlier ones have
 * come back, and its latency is measured from that due time. A server that stalls therefore accumulates late requests
 * whose waiting is counted (no coordinated omission), which a closed-loop tool such as wrk hides at saturation.
 * {@code --connections} keep-alive connections share the schedule; it must exceed the requests in flight.
 *
 * <p>Closed loop ({@code --rate 0}): each connection sends as fast as answers come back, for the maximum throughput
 * when wrk is not installed.
 *
 * <p>{@code --warmup S} first runs the same schedule for S seconds without keeping latencies.
 *
 * <p>{@code --server-pid P} (Linux) also measures CPU over the measured phase, after the warm-up: the server's
 * per request, the generator's and the machine's ({@link CpuMeter}); {@code --clock-ticks} is the kernel's tick rate
 * ({@code getconf CLK_TCK}, default 100).
 *
 * <p>Prints one line of {@code key=value} pairs for the load script:
 * {@code sent ok errors seconds rps p50_us p90_us p99_us p999_us max_us}, with {@code --server-pid} followed by
 * {@link PhaseCpu#keyValues}.
 */
public final class OpenLoopLoad {

    private OpenLoopLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = LoadOptions.parse(args);
        byte[] request = options.encodedRequest();
        InetSocketAddress address = new InetSocketAddress(options.uri().getHost(), options.uri().getPort());
        Result result = options.rate() > 0 ? openLoop(options, address, request) : closedLoop(options, address, request);
        System.out.println(result.line());
    }

    /** {@code cpu}: the measured phase's CPU as {@code key=value} pairs, or empty when not measured. */
    record Result(long sent, long ok, long errors, double seconds, LatencySummary latency, String cpu) {
        String line() {
            return String.format(Locale.ROOT,
                    "sent=%d ok=%d errors=%d seconds=%.3f rps=%.1f p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f"
                            + " max_us=%.1f",
                    sent, ok, errors, seconds, ok / seconds, latency.p50Nanos() / 1e3, latency.p90Nanos() / 1e3,
                    latency.p99Nanos() / 1e3, latency.p999Nanos() / 1e3, latency.maxNanos() / 1e3) + cpu;
        }
    }

    private static Result openLoop(LoadOptions options, InetSocketAddress address, byte[] request)
            throws InterruptedException {
        // The warm-up runs on the same schedule, so the measured part starts in the steady state (this JVM's own JIT
        // included); its requests are sent and counted as errors if they fail, but their latencies are not kept.
        int skipped = (int) Math.round(options.rate() * options.warmupSeconds());
        int total = (int) Math.min(Integer.MAX_VALUE - 8,
                skipped + Math.round(options.rate() * options.seconds()));
        double periodNanos = 1e9 / options.rate();
        long[] latencies = new long[total - skipped];
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        // a little lead so every connection is open before the first request is due
        long start = System.nanoTime() + 200_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < options.connections(); w++) {
            Thread worker = new Thread(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(address)) {
                    long i;
                    while ((i = next.getAndIncrement()) < total) {
                        long due = start + (long) (i * periodNanos);
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        boolean good = send(connection, request, options.expectStatus());
                        if (i >= skipped) {
                            latencies[(int) i - skipped] = System.nanoTime() - due;
                            (good ? ok : errors).incrementAndGet();
                        } else if (!good) {
                            errors.incrementAndGet();
                        }
                    }
                }
            }, "open-loop-" + w);
            workers.add(worker);
            worker.start();
        }
        // the workers stay on schedule whatever this thread does; it only waits for the warm-up's end to take the
        // first CPU snapshot, so the measured phase's CPU covers exactly its requests (give or take those in flight)
        CpuMeter meter = startMeter(options, start + (long) (options.warmupSeconds() * 1e9));
        for (Thread worker : workers) {
            worker.join();
        }
        String cpu = stopMeter(meter, total - skipped);
        double seconds = (System.nanoTime() - start) / 1e9 - options.warmupSeconds();
        return new Result(total - skipped, ok.get(), errors.get(), seconds,
                LatencySummary.of(latencies, latencies.length), cpu);
    }

    private static Result closedLoop(LoadOptions options, InetSocketAddress address, byte[] request)
            throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CpuMeter meter = startMeter(options, System.nanoTime());
        long start = System.nanoTime();
        long end = start + (long) (options.seconds() * 1e9);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < options.connections(); w++) {
            Thread worker = new Thread(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(address)) {
                    while (System.nanoTime() < end) {
                        (send(connection, request, options.expectStatus()) ? ok : errors).incrementAndGet();
                    }
                }
            }, "closed-loop-" + w);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long sent = ok.get() + errors.get();
        return new Result(sent, ok.get(), errors.get(), seconds, LatencySummary.of(new long[0], 0),
                stopMeter(meter, sent));
    }

    /** Waits until {@code atNanos}, then snapshots CPU; null when not asked for or not readable (not Linux). */
    private static CpuMeter startMeter(LoadOptions options, long atNanos) {
        if (options.serverPid() <= 0) {
            return null;
        }
        long wait;
        while ((wait = atNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        try {
            return CpuMeter.start(options.serverPid(), options.clockTicks());
        } catch (IOException | RuntimeException e) {
            System.err.println("CPU not measured: " + e);
            return null;
        }
    }

    private static String stopMeter(CpuMeter meter, long requests) {
        if (meter == null) {
            return "";
        }
        try {
            return meter.stop().keyValues(requests);
        } catch (IOException | RuntimeException e) {
            System.err.println("CPU not measured: " + e); // e.g. the server exited mid-phase
            return "";
        }
    }

    private static boolean send(KeepAliveConnection connection, byte[] request, int expectStatus) {
        try {
            return connection.exchange(request) == expectStatus;
        } catch (IOException e) {
            return false;
        }
    }

    /** The command line: {@code --url U [--method M] [--header 'N: V']... [--body-file F] [--rate R] ...}. */
    record LoadOptions(URI uri, String method, List<String> headers, byte[] body, double rate, double seconds,
                       double warmupSeconds, int connections, int expectStatus, long serverPid, long clockTicks) {

        static LoadOptions parse(String[] args) throws IOException {
            URI uri = null;
            String method = "GET";
            List<String> headers = new ArrayList<>();
            byte[] body = null;
            double rate = 0;
            double seconds = 10;
            double warmup = 0;
            int connections = 16;
            int expect = 200;
            long serverPid = 0;
            long clockTicks = 100;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--url" -> uri = URI.create(value);
                    case "--method" -> method = value;
                    case "--header" -> headers.add(value);
                    case "--body-file" -> body = Files.readAllBytes(Path.of(value));
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--seconds" -> seconds = Double.parseDouble(value);
                    case "--warmup" -> warmup = Double.parseDouble(value);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--expect-status" -> expect = Integer.parseInt(value);
                    case "--server-pid" -> serverPid = Long.parseLong(value);
                    case "--clock-ticks" -> clockTicks = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (uri == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("--url http://HOST:PORT/PATH is required");
            }
            if (clockTicks <= 0) {
                throw new IllegalArgumentException("--clock-ticks must be positive");
            }
            return new LoadOptions(uri, method, headers, body, rate, seconds, warmup, connections, expect, serverPid,
                    clockTicks);
        }

        byte[] encodedRequest() {
            StringBuilder head = new StringBuilder();
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
            if (body == null) {
                return headBytes;
            }
            byte[] all = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, all, 0, headBytes.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            return all;
        }
    }
}
