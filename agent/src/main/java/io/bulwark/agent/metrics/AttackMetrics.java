package io.bulwark.agent.metrics;

import java.util.concurrent.atomic.LongAdder;

/** Counts at sinks: one counter per attack type and outcome, and the sinks' own latency. */
public final class AttackMetrics implements AttacksMBean {

    private final LongAdder[] blocked = adders();
    private final LongAdder[] monitored = adders();
    private final LongAdder sinkChecks = new LongAdder();
    private final LatencyHistogram sinkTime = new LatencyHistogram();
    private final TimingSampler sampler;

    AttackMetrics(TimingSampler sampler) {
        this.sampler = sampler;
    }

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[AttackType.values().length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    /** @param block true when the sink was stopped, false when monitor mode only logged it */
    public void found(AttackType type, boolean block) {
        (block ? blocked : monitored)[type.ordinal()].increment();
    }

    /** At the top of a sink check: counts it, and returns a start time when it is timed (sampled). */
    public long sinkStarted() {
        sinkChecks.increment();
        return sampler.start();
    }

    public void sinkFinished(long sinkStarted) {
        if (sinkStarted != TimingSampler.NOT_TIMED) {
            sinkTime.record(System.nanoTime() - sinkStarted);
        }
    }

    public long blocked(AttackType type) {
        return blocked[type.ordinal()].sum();
    }

    public long monitored(AttackType type) {
        return monitored[type.ordinal()].sum();
    }

    LatencyHistogram sinkTime() {
        return sinkTime;
    }

    @Override
    public long getBlocked() {
        return sum(blocked);
    }

    @Override
    public long getMonitored() {
        return sum(monitored);
    }

    @Override
    public long getSqlInjectionBlocked() {
        return blocked(AttackType.SQL_INJECTION);
    }

    @Override
    public long getSqlInjectionMonitored() {
        return monitored(AttackType.SQL_INJECTION);
    }

    @Override
    public long getShellInjectionBlocked() {
        return blocked(AttackType.SHELL_INJECTION);
    }

    @Override
    public long getShellInjectionMonitored() {
        return monitored(AttackType.SHELL_INJECTION);
    }

    @Override
    public long getSinkChecks() {
        return sinkChecks.sum();
    }

    @Override
    public long getSinkTimeCount() {
        return sinkTime.count();
    }

    @Override
    public long getSinkTimeTotalNanos() {
        return sinkTime.totalNanos();
    }

    @Override
    public long getSinkTimeP50Nanos() {
        return sinkTime.quantileUpperBoundNanos(0.5);
    }

    @Override
    public long getSinkTimeP99Nanos() {
        return sinkTime.quantileUpperBoundNanos(0.99);
    }

    @Override
    public long[] getSinkTimeBucketUpperBoundsNanos() {
        return LatencyHistogram.upperBoundsNanos();
    }

    @Override
    public long[] getSinkTimeBucketCounts() {
        return sinkTime.counts();
    }

    private static long sum(LongAdder[] adders) {
        long sum = 0;
        for (LongAdder adder : adders) {
            sum += adder.sum();
        }
        return sum;
    }
}
