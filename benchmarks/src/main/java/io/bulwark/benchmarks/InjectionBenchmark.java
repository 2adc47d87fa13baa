package io.bulwark.benchmarks;

import io.bulwark.policies.injection.Finding;
import io.bulwark.policies.injection.InjectionEngine;
import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.InputSource;
import io.bulwark.policies.injection.SqlDialect;
import io.bulwark.policies.injection.WorkCounter;
import java.util.ArrayList;
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
 * The sink check on the hot path: 20 request inputs against a 300-character query. {@code noOccurrence} is the
 * common case (targets: under 1 µs); {@code oneOccurrence} has one input inside a literal, so the query is lexed
 * and judged (under 10 µs); {@code attack} is one that breaks out. Run with
 * {@code java -jar benchmarks/target/benchmarks.jar Injection -bm sample -tu us} for medians.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InjectionBenchmark {
    private static final String QUERY_HEAD = "SELECT o.id, o.created_at, o.total, o.currency, c.name, c.email "
            + "FROM orders o JOIN customers c ON c.id = o.customer_id "
            + "WHERE o.tenant_id = 7 AND o.status IN ('paid', 'shipped') AND c.name LIKE '%";
    private static final String QUERY_TAIL = "%' AND o.created_at >= '2024-01-01' ORDER BY o.created_at DESC "
            + "LIMIT 50 OFFSET 100";

    private final InjectionEngine engine = new InjectionEngine();
    private List<Input> inputs;
    private String cleanQuery;
    private String queryWithInput;
    private String attackQuery;
    private List<Input> attackInputs;

    @Setup
    public void setUp() {
        inputs = new ArrayList<>();
        String[][] params = {{"page", "3"}, {"size", "25"}, {"sort", "newest"}, {"dir", "desc"},
                {"status", "paid,shipped"}, {"from", "2023-06-30"}, {"lang", "en-US"}, {"currency", "EUR"},
                {"q", "Müller"}, {"utm_source", "newsletter"}, {"utm_medium", "social"}, {"ref", "homepage"},
                {"session", "a8f5f167f44f4964e6c998dee827110c"}, {"theme", "dark"}, {"tz", "Europe/Berlin"},
                {"view", "compact"}, {"filter", "recent"}, {"region", "eu-central"}, {"client", "web-4.2.0"}};
        for (String[] p : params) {
            inputs.add(Input.value(InputSource.QUERY, p[0], p[1]));
        }
        inputs.add(Input.value(InputSource.HEADER, "User-Agent",
                "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"));

        cleanQuery = pad(QUERY_HEAD + "Schmidt" + QUERY_TAIL);
        queryWithInput = pad(QUERY_HEAD + "Müller" + QUERY_TAIL);
        attackQuery = pad(QUERY_HEAD + "x%' OR 1=1 -- " + QUERY_TAIL);
        attackInputs = new ArrayList<>(inputs);
        attackInputs.set(8, Input.value(InputSource.QUERY, "q", "x%' OR 1=1 -- "));
        WorkCounter work = new WorkCounter();
        if (engine.checkSql(cleanQuery, SqlDialect.POSTGRESQL, inputs, work) != null || work.tokensProduced() != 0
                || engine.checkSql(queryWithInput, SqlDialect.POSTGRESQL, inputs) != null
                || engine.checkSql(attackQuery, SqlDialect.POSTGRESQL, attackInputs) == null) {
            throw new IllegalStateException("benchmark fixtures no longer mean what they say");
        }
    }

    /** Pads with trailing spaces to exactly 300 characters. */
    private static String pad(String sql) {
        StringBuilder out = new StringBuilder(sql);
        while (out.length() < 300) {
            out.append(' ');
        }
        return out.substring(0, 300);
    }

    @Benchmark
    public Finding noOccurrence() {
        return engine.checkSql(cleanQuery, SqlDialect.POSTGRESQL, inputs);
    }

    @Benchmark
    public Finding oneOccurrence() {
        return engine.checkSql(queryWithInput, SqlDialect.POSTGRESQL, inputs);
    }

    @Benchmark
    public Finding attack() {
        return engine.checkSql(attackQuery, SqlDialect.POSTGRESQL, attackInputs);
    }
}
