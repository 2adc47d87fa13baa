package io.bulwark.agent.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The agent's own health: caught failures, policy reloads and which policy runs. */
public final class AgentMetrics implements AgentMBean {

    private final String version;
    private final String policySource;
    private final LongSupplier adviceErrors;
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong reloadsRejected = new AtomicLong();

    AgentMetrics(String version, String policySource, LongSupplier adviceErrors) {
        this.version = version;
        this.policySource = policySource;
        this.adviceErrors = adviceErrors;
    }

    /**
     * Wraps a reload so that it is counted: the reload swaps the policy object when it puts a new policy in force
     * and leaves it when it refuses the file, so comparing the two tells which happened without the reload having to
     * report it.
     */
    public Runnable countingReloads(Supplier<?> policyInForce, Runnable reload) {
        return () -> {
            Object before = policyInForce.get();
            try {
                reload.run();
            } finally {
                (policyInForce.get() != before ? reloads : reloadsRejected).incrementAndGet();
            }
        };
    }

    @Override
    public String getVersion() {
        return version;
    }

    @Override
    public String getPolicySource() {
        return policySource;
    }

    @Override
    public long getPolicyGeneration() {
        return 1 + reloads.get();
    }

    @Override
    public long getPolicyReloads() {
        return reloads.get();
    }

    @Override
    public long getPolicyReloadsRejected() {
        return reloadsRejected.get();
    }

    @Override
    public long getAdviceErrors() {
        return adviceErrors.getAsLong();
    }
}
