package io.bulwark.agent.metrics;

import io.bulwark.bootstrap.AgentThread;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Every count the agent keeps about itself, in one object made at start and handed to the places that count.
 * Counting is a striped increment on a field reached in one step; publishing (JMX, the app's Micrometer) happens
 * once, off the request thread, after the first request: the platform MBean server costs start-up time that premain
 * must not pay, and the app's metrics library is only visible from the app's class loader.
 */
public final class Metrics {

    /**
     * Counts the agent keeps elsewhere, read when published.
     *
     * @param policySource the policy file, or {@code built-in default}
     */
    public record Sources(String version, String policySource, LongSupplier adviceErrors, LongSupplier eventsWritten,
                          LongSupplier eventsDropped) {
    }

    private final RequestMetrics requests;
    private final AttackMetrics attacks;
    private final StoreMetrics store = new StoreMetrics();
    private final AgentMetrics agent;
    private final AttackLogMetrics attackLog;
    private final Consumer<String> say;
    private volatile boolean firstRequestSeen;

    /** @param say where a failure to publish is reported, once; null to count without publishing */
    public Metrics(Sources sources, Consumer<String> say) {
        this(sources, say, TimingSampler.fromSystemProperty());
    }

    Metrics(Sources sources, Consumer<String> say, TimingSampler sampler) {
        this.requests = new RequestMetrics(sampler);
        this.attacks = new AttackMetrics(sampler);
        this.agent = new AgentMetrics(sources.version(), sources.policySource(), sources.adviceErrors());
        this.attackLog = new AttackLogMetrics(sources.eventsWritten(), sources.eventsDropped());
        this.say = say;
    }

    /** Counts without publishing and reads zero for what is kept elsewhere: for tests and benchmarks. */
    public static Metrics unpublished() {
        return new Metrics(new Sources("test", "none", () -> 0, () -> 0, () -> 0), null);
    }

    /** A request reached its outermost entry. The first one starts publishing, on an agent thread. */
    public void requestOpened() {
        requests.seen();
        if (!firstRequestSeen) {
            firstRequest();
        }
    }

    private synchronized void firstRequest() {
        if (firstRequestSeen) {
            return;
        }
        firstRequestSeen = true;
        if (say == null) {
            return;
        }
        // The request thread's context loader is the web app's: the one that sees the app's metrics library.
        ClassLoader appLoader = Thread.currentThread().getContextClassLoader();
        new AgentThread(() -> MetricsPublisher.publish(this, appLoader, say), "bulwark-metrics").start();
    }

    public RequestMetrics requests() {
        return requests;
    }

    public AttackMetrics attacks() {
        return attacks;
    }

    public StoreMetrics store() {
        return store;
    }

    public AgentMetrics agent() {
        return agent;
    }

    public AttackLogMBean attackLog() {
        return attackLog;
    }
}
