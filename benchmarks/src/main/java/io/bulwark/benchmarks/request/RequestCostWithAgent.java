package io.bulwark.benchmarks.request;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link RequestCostBenchmark} in a JVM started with the agent jar and the benchmark's policy (both paths relative to
 * the repository root; {@link RequestCostRun} writes the policy and its key first).
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+UseG1GC",
    "-javaagent:" + RequestCostBenchmark.AGENT_JAR + "=policy=" + RequestCostBenchmark.POLICY})
public class RequestCostWithAgent extends RequestCostBenchmark {

    @Override
    boolean underAgent() {
        return true;
    }
}
