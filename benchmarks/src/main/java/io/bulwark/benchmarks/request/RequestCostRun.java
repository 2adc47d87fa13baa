package io.bulwark.benchmarks.request;

import io.bulwark.benchmarks.load.LoadToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Runs {@link RequestCostBenchmark} without and with the agent. The agent reads its policy in {@code premain}, before
 * any benchmark code, so the policy, the JWKS it trusts and the token the requests carry are written here, in the
 * JMH host, before the forks start. From the repository root, after
 * {@code mvn -q -DskipTests package -pl agent,benchmarks -am}:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.bulwark.benchmarks.request.RequestCostRun            # all six
 * java -cp benchmarks/target/benchmarks.jar io.bulwark.benchmarks.request.RequestCostRun RequestCostWithAgent.noop -prof jfr</pre>
 *
 * Arguments, if any, replace the default JMH arguments {@code RequestCost -prof gc -prof CpuPerOpProfiler} (bytes
 * and CPU time per request beside wall time).
 */
public final class RequestCostRun {

    private RequestCostRun() {
    }

    public static void main(String[] args) throws Exception {
        if (!Files.isRegularFile(Path.of(RequestCostBenchmark.AGENT_JAR))) {
            System.err.println("no " + RequestCostBenchmark.AGENT_JAR + ": run from the repository root after"
                    + " mvn -q -DskipTests package -pl agent,benchmarks -am");
            System.exit(2);
        }
        prepare(RequestCostBenchmark.WORK_DIR);
        org.openjdk.jmh.Main.main(args.length == 0 ? new String[] {"RequestCost", "-prof", "gc", "-prof",
                CpuPerOpProfiler.class.getName()} : args);
    }

    /** A fresh key pair per run: the JWKS (public key) and token beside the policy; the private key is not kept. */
    static void prepare(Path dir) throws Exception {
        Files.createDirectories(dir);
        LoadToken.main(new String[] {dir.toString()});
        copyPolicy(dir.resolve("bulwark-policy.json"));
    }

    private static void copyPolicy(Path target) throws IOException {
        try (InputStream policy = RequestCostRun.class.getResourceAsStream("request-cost-policy.json")) {
            if (policy == null) {
                throw new IOException("request-cost-policy.json is missing from the benchmarks jar");
            }
            Files.copy(policy, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
