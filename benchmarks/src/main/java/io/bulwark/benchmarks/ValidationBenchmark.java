package io.bulwark.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bulwark.policies.validation.FieldRule;
import io.bulwark.policies.validation.FieldType;
import io.bulwark.policies.validation.RequestValidator;
import io.bulwark.policies.validation.RequestValues;
import io.bulwark.policies.validation.RouteValidation;
import io.bulwark.policies.validation.Violation;
import java.nio.charset.StandardCharsets;
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
 * Route validation at request entry. {@code fiveRules}: a typical request against five rules (two query values, an
 * integer and an enum; a path UUID; a header pattern; one JSON field of an already parsed body); target under 2 µs.
 * {@code smallJsonBody}: the same rules with the JSON body (about 200 bytes) parsed within the JSON limits first,
 * as entry does on a route with JSON rules. {@code smallJsonBodyInvalid}: the same body breaking two rules, so the
 * violations and their messages are built. Run with {@code java -jar benchmarks/target/benchmarks.jar Validation}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ValidationBenchmark {

    private static final String BODY = """
            {"customer": {"name": "Zoë Müller", "email": "zoe@example.org"}, "currency": "EUR",
             "items": [{"sku": "ABC-1234", "qty": 2}, {"sku": "XYZ-0001", "qty": 1}], "quantity": 3}""";

    private RequestValidator validator;
    private RequestValues values;
    private RequestValues parsedValues;
    private byte[] body;
    private byte[] invalidBody;

    @Setup
    public void setUp() throws Exception {
        validator = new RequestValidator(new RouteValidation(
                Map.of("limit", FieldRule.of(FieldType.INTEGER).withMin(1).withMax(100),
                        "sort", FieldRule.of(FieldType.STRING).withEnum(List.of("asc", "desc"))),
                Map.of("id", FieldRule.of(FieldType.UUID)),
                Map.of("X-Client", FieldRule.of(FieldType.STRING).withPattern("[a-z]+-[0-9]+\\.[0-9]+\\.[0-9]+")),
                Map.of("$.quantity", FieldRule.of(FieldType.INTEGER).withMin(1).withMax(99).asRequired()),
                64L * 1024, List.of("application/json")));
        values = new RequestValues(Map.of("limit", List.of("20"), "sort", List.of("desc")),
                Map.of("id", "123e4567-e89b-12d3-a456-426614174000"),
                Map.of("X-Client", List.of("web-4.2.0")), null);
        JsonNode tree = new ObjectMapper().readTree(BODY);
        parsedValues = new RequestValues(values.query(), values.path(), values.headers(), tree);
        body = BODY.getBytes(StandardCharsets.UTF_8);
        invalidBody = BODY.replace("\"quantity\": 3", "\"quantity\": 300").replace("\"qty\": 2", "\"qty\": \"2\"")
                .getBytes(StandardCharsets.UTF_8);
        check(fiveRules().isEmpty() && smallJsonBody().isEmpty() && smallJsonBodyInvalid().size() == 1,
                "the benchmark's requests are not what they claim");
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    @Benchmark
    public List<Violation> fiveRules() {
        return validator.validate(parsedValues);
    }

    @Benchmark
    public List<Violation> smallJsonBody() {
        return validator.validate(values, body, 0, body.length);
    }

    @Benchmark
    public List<Violation> smallJsonBodyInvalid() {
        return validator.validate(values, invalidBody, 0, invalidBody.length);
    }
}
