package io.bulwark.agent;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.bulwark.benchmarks.load.LoadToken;
import io.bulwark.policies.model.parse.PolicyParseResult;
import io.bulwark.policies.model.parse.PolicyParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent's work at a request's entry, as the load script's policy makes it (a cached RS256 token, two rate limits
 * that admit, a route with a scope), without a container or a network: what the agent adds to every request before
 * the app runs. Run with {@code -prof gc} for bytes per request.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EntryPathBenchmark -prof gc</pre>
 *
 * In the agent's package because the entry checks are package-private: they are the agent's inside, not an API.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EntryPathBenchmark {

    private static final String POLICY = """
            {
              "version": 1,
              "authentication": { "jwt": { "issuer": "%s", "audiences": ["%s"], "jwks": "file:jwks.json",
                                            "algorithms": ["RS256"], "requiredClaims": ["sub"] } },
              "rateLimits": {
                "per-ip":     { "key": "ip",      "limit": 1000000000, "per": "1s" },
                "per-caller": { "key": "subject", "limit": 1000000000, "per": "1s" }
              },
              "injection": { "sql": "block", "shell": "block" },
              "defaults": { "auth": "authenticated", "rateLimits": ["per-ip", "per-caller"] },
              "routes": [
                { "path": "/health", "auth": "public", "rateLimits": [] },
                { "path": "/api/products/**", "auth": { "scopes": ["products:read"] } }
              ]
            }
            """;

    /** The request as the entry checks see it: what {@link RequestContext} answers from the servlet request. */
    private record BenchRequest(String method, String rawPath, String authorization) implements EntryRequest {
        @Override
        public String peerAddress() {
            return "127.0.0.1";
        }

        @Override
        public String header(String name) {
            return "Authorization".equalsIgnoreCase(name) ? authorization : null;
        }

        @Override
        public List<String> headers(String name) {
            String value = header(name);
            return value == null ? List.of() : List.of(value);
        }

        @Override
        public String queryString() {
            return null;
        }
    }

    /**
     * Requests in turn, each with its own copy of the same header: a container makes a new string per request, and a
     * cache hit must be measured against an equal string, not the very one it stored.
     */
    private static final int COPIES = 4;

    private ActivePolicy policy;
    private EntryChecks checks;
    private final EntryRequest[] noop = new EntryRequest[COPIES];
    private final EntryRequest[] products = new EntryRequest[COPIES];
    private int next;

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("bulwark-entry-bench");
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-1").generate();
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        Path file = Files.writeString(dir.resolve("bulwark-policy.json"),
                POLICY.formatted(LoadToken.ISSUER, LoadToken.AUDIENCE));
        PolicyParseResult parsed = PolicyParser.parse(file);
        if (!parsed.errors().isEmpty()) {
            throw new IllegalStateException(parsed.errors().toString());
        }
        policy = new ActivePolicy(parsed.policy().orElseThrow());
        checks = new EntryChecks(event -> {
            throw new IllegalStateException("a benchmark request was refused: " + event);
        });
        String bearer = "Bearer " + LoadToken.mint(key, Instant.now());
        for (int i = 0; i < COPIES; i++) {
            noop[i] = new BenchRequest("GET", new String("/api/noop".toCharArray()), new String(bearer.toCharArray()));
            products[i] = new BenchRequest("GET", new String("/api/products/search".toCharArray()), new String(bearer.toCharArray()));
            for (EntryRequest request : List.of(noop[i], products[i])) {
                if (run(request).isDenied()) {
                    throw new IllegalStateException("the benchmark request was denied: " + request);
                }
            }
        }
    }

    private EntryOutcome run(EntryRequest request) {
        return checks.run(policy, request, System.currentTimeMillis(), System.nanoTime());
    }

    @Benchmark
    public EntryOutcome defaultRoute() {
        return run(noop[next++ & (COPIES - 1)]);
    }

    @Benchmark
    public EntryOutcome scopedRoute() {
        return run(products[next++ & (COPIES - 1)]);
    }
}
