package io.bulwark.benchmarks.request;

import org.openjdk.jmh.annotations.Fork;

/** {@link RequestCostBenchmark} in a JVM without the agent: the baseline. */
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+UseG1GC"})
public class RequestCostWithoutAgent extends RequestCostBenchmark {

    @Override
    boolean underAgent() {
        return false;
    }
}
