package io.bulwark.agent.metrics;

import java.util.concurrent.atomic.LongAdder;

/** Counts at request entry and exit, and refusals while the app ran. Each count is one striped increment. */
public final class RequestMetrics implements RequestsMBean {

    private final LongAdder seen = new LongAdder();
    private final LongAdder[] denied = new LongAdder[DenialReason.values().length];
    private final LatencyHistogram agentTime = new LatencyHistogram();
    private final TimingSampler sampler;

    RequestMetrics(TimingSampler sampler) {
        this.sampler = sampler;
        for (int i = 0; i < denied.length; i++) {
            denied[i] = new LongAdder();
        }
    }

    void seen() {
        seen.increment();
    }

    public void denied(DenialReason reason) {
        denied[reason.ordinal()].increment();
    }

    /** The agent's own time on one request: entry checks plus exit, not the app's. */
    public void agentTime(long nanos) {
        agentTime.record(nanos);
    }

    /** At the top of entry: a start time when this request is timed (sampled), else a value the others ignore. */
    public long entryStarted() {
        return sampler.start();
    }

    /** At the end of an admitted entry: the time entry took, kept with the request until its exit. */
    public long entryNanos(long entryStarted) {
        return TimingSampler.elapsedSince(entryStarted);
    }

    /** A refused request has no exit: its entry time is the agent's whole time. */
    public void deniedAtEntry(long entryStarted) {
        if (entryStarted != TimingSampler.NOT_TIMED) {
            agentTime.record(System.nanoTime() - entryStarted);
        }
    }

    /** At the top of exit. */
    public long exitStarted(long entryNanos) {
        return entryNanos == TimingSampler.NOT_TIMED ? TimingSampler.NOT_TIMED : System.nanoTime();
    }

    /** At the end of exit: records entry plus exit, when this request is timed. */
    public void exited(long entryNanos, long exitStarted) {
        if (entryNanos != TimingSampler.NOT_TIMED && exitStarted != TimingSampler.NOT_TIMED) {
            agentTime.record(entryNanos + System.nanoTime() - exitStarted);
        }
    }

    LatencyHistogram agentTime() {
        return agentTime;
    }

    @Override
    public long getSeen() {
        return seen.sum();
    }

    @Override
    public long getDenied() {
        long sum = 0;
        for (LongAdder count : denied) {
            sum += count.sum();
        }
        return sum;
    }

    public long deniedFor(DenialReason reason) {
        return denied[reason.ordinal()].sum();
    }

    @Override
    public long getDeniedRateLimited() {
        return deniedFor(DenialReason.RATE_LIMITED);
    }

    @Override
    public long getDeniedRateLimitUnavailable() {
        return deniedFor(DenialReason.RATE_LIMIT_UNAVAILABLE);
    }

    @Override
    public long getDeniedBruteForceBlocked() {
        return deniedFor(DenialReason.BRUTE_FORCE_BLOCKED);
    }

    @Override
    public long getDeniedUnauthenticated() {
        return deniedFor(DenialReason.UNAUTHENTICATED);
    }

    @Override
    public long getDeniedInsufficientScope() {
        return deniedFor(DenialReason.INSUFFICIENT_SCOPE);
    }

    @Override
    public long getDeniedAuthenticationUnavailable() {
        return deniedFor(DenialReason.AUTHENTICATION_UNAVAILABLE);
    }

    @Override
    public long getDeniedHttpsRequired() {
        return deniedFor(DenialReason.HTTPS_REQUIRED);
    }

    @Override
    public long getDeniedInvalidInput() {
        return deniedFor(DenialReason.INVALID_INPUT);
    }

    @Override
    public long getDeniedInvalidPath() {
        return deniedFor(DenialReason.INVALID_PATH);
    }

    @Override
    public long getDeniedProtectionError() {
        return deniedFor(DenialReason.PROTECTION_ERROR);
    }

    @Override
    public long getDeniedBodyTooLarge() {
        return deniedFor(DenialReason.BODY_TOO_LARGE);
    }

    @Override
    public long getDeniedDataTransfer() {
        return deniedFor(DenialReason.DATA_TRANSFER);
    }

    @Override
    public long getDeniedOther() {
        return deniedFor(DenialReason.OTHER);
    }

    @Override
    public long getAgentTimeCount() {
        return agentTime.count();
    }

    @Override
    public long getAgentTimeTotalNanos() {
        return agentTime.totalNanos();
    }

    @Override
    public long getAgentTimeP50Nanos() {
        return agentTime.quantileUpperBoundNanos(0.5);
    }

    @Override
    public long getAgentTimeP99Nanos() {
        return agentTime.quantileUpperBoundNanos(0.99);
    }

    @Override
    public long[] getAgentTimeBucketUpperBoundsNanos() {
        return LatencyHistogram.upperBoundsNanos();
    }

    @Override
    public long[] getAgentTimeBucketCounts() {
        return agentTime.counts();
    }
}
