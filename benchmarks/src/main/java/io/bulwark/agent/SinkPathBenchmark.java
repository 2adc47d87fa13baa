package io.bulwark.agent;

import io.bulwark.instrumentation.servlet.ServletAccess;
import io.bulwark.instrumentation.servlet.ServletInputs;
import io.bulwark.policies.injection.Finding;
import io.bulwark.policies.injection.InjectionEngine;
import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.InputSource;
import io.bulwark.policies.injection.SqlDialect;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Proxy;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
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
 * A request's first SQL sink as the load script's sql endpoint makes it ({@code GET /api/products/search?q=Lamp}
 * with eight headers, one a 600-character bearer token): the request's inputs gathered through {@link ServletAccess}
 * and the statement the demo builds from {@code q} checked. Run with {@code -prof gc} for bytes per request.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SinkPathBenchmark -prof gc</pre>
 *
 * The request is a servlet-API object whose used methods answer from fields, as a container's do; every other method
 * fails, so a new call on the sink path shows here. Like Tomcat 10.1 ({@code MimeHeaders.names()} and
 * {@code values(name)}), it hands out one fresh enumeration object per header call, walking arrays it already holds:
 * what gathering costs shows here, not the fake's own collections.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SinkPathBenchmark {

    /** The demo's ProductServlet statement for {@code q=Lamp}, padded with its column list to 150 characters. */
    static final String SQL = "SELECT id, name, category, price, stock, description, created_at FROM products"
            + " WHERE name LIKE '%Lamp%' AND deleted = 0 ORDER BY id LIMIT 100 OFFSET 0";

    private static final class BenchRequest extends HttpServletRequestWrapper {
        private final String[] headerNames = {"host", "user-agent", "accept", "accept-language", "accept-encoding",
            "authorization", "x-request-id", "connection"};
        private final String[][] headerValues;
        private final Map<String, String[]> parameters = Map.of("q", new String[] {"Lamp"});

        BenchRequest(String bearer) {
            super((HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> {
                        throw new UnsupportedOperationException("not on the benchmarked path: " + m.getName());
                    }));
            headerValues = new String[][] {{"localhost:8080"},
                {"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"},
                {"application/json, text/plain, */*"}, {"en-GB,en;q=0.7"}, {"gzip, deflate, br"}, {bearer},
                {"5f0c6f1e-8d7a-4b1e-9a53-0c2f4c1d9e77"}, {"keep-alive"}};
        }

        private String[] values(String name) {
            for (int i = 0; i < headerNames.length; i++) {
                if (headerNames[i].equalsIgnoreCase(name)) {
                    return headerValues[i];
                }
            }
            return NO_VALUES;
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getRequestURI() {
            return "/api/products/search";
        }

        @Override
        public String getQueryString() {
            return "q=Lamp";
        }

        @Override
        public String getContentType() {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return new ArrayEnumeration(headerNames);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return new ArrayEnumeration(values(name));
        }

        @Override
        public String getHeader(String name) {
            String[] values = values(name);
            return values.length == 0 ? null : values[0];
        }
    }

    private static final String[] NO_VALUES = {};

    /** One object per call over an array the request already holds, as Tomcat's header enumerations are. */
    private static final class ArrayEnumeration implements Enumeration<String> {
        private final String[] items;
        private int next;

        ArrayEnumeration(String[] items) {
            this.items = items;
        }

        @Override
        public boolean hasMoreElements() {
            return next < items.length;
        }

        @Override
        public String nextElement() {
            if (next >= items.length) {
                throw new java.util.NoSuchElementException();
            }
            return items[next++];
        }
    }

    /** More distinct statements than the engine keeps structures for, so each check of one lexes it anew. */
    private static final int DISTINCT_STATEMENTS = 4096;

    private final InjectionEngine engine = new InjectionEngine();
    private ServletAccess access;
    private BenchRequest request;
    private List<Input> gathered;
    private String[] distinct;
    private int next;

    @Setup
    public void setUp() throws Throwable {
        String bearer = "Bearer " + "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJlbmNoLTEifQ." + "x".repeat(600 - 50);
        request = new BenchRequest(bearer.substring(0, 600));
        access = ServletAccess.of(request);
        if (access == null) {
            throw new IllegalStateException("the benchmark request is no servlet request to the agent");
        }
        gathered = ServletInputs.collect(access, request);
        distinct = new String[DISTINCT_STATEMENTS];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = SQL.replace("%Lamp%", "%Lamp" + Integer.toString(i + 10_000, 36) + "%");
        }
        if (SQL.length() != 150 || gathered.size() < 12 || firstSink() != null || engine.checkSql(SQL.replace("Lamp", "x' OR '1'='1"),
                SqlDialect.H2, List.of(Input.value(InputSource.QUERY, "q", "x' OR '1'='1"))) == null) {
            throw new IllegalStateException("the benchmark does not check what a request's first sink checks: "
                    + gathered);
        }
    }

    /** What the first SQL sink of a request costs: gathering its inputs, then checking the statement. */
    @Benchmark
    public Finding firstSink() throws Throwable {
        return engine.checkSql(SQL, SqlDialect.H2, ServletInputs.collect(access, request));
    }

    /** Gathering alone (what every later sink of the request saves). */
    @Benchmark
    public List<Input> collect() throws Throwable {
        return ServletInputs.collect(access, request);
    }

    /**
     * The check alone, against inputs already gathered (a later sink of the same request). Its statement text was
     * checked before, as in a load test that repeats one request: its structure comes from the engine's cache.
     */
    @Benchmark
    public Finding checkSql() {
        return engine.checkSql(SQL, SqlDialect.H2, gathered);
    }

    /** The check of a statement text not seen lately (an input still occurs in it): lexed, as with no cache. */
    @Benchmark
    public Finding checkNewSql() {
        String sql = distinct[next];
        next = (next + 1) & (DISTINCT_STATEMENTS - 1);
        return engine.checkSql(sql, SqlDialect.H2, gathered);
    }
}
