package io.bulwark.agent;

import io.bulwark.agent.log.AttackLog;
import io.bulwark.bootstrap.AgentThread;
import io.bulwark.policies.ratelimit.FloodAggregator.FloodEvent;
import java.util.function.Supplier;

/**
 * Writes the events of flood windows that have ended. Refusals close ended windows as they come, but the last window
 * of a flood has no later refusal to close it; this closes it within about a second of its end.
 */
final class FloodLogFlusher implements Runnable {

    private static final long INTERVAL_MILLIS = 1000;

    private final EntryState state;
    private final Supplier<ActivePolicy> policy;
    private final AttackLog log;
    private final Diagnostics diagnostics;

    FloodLogFlusher(EntryState state, Supplier<ActivePolicy> policy, AttackLog log, Diagnostics diagnostics) {
        this.state = state;
        this.policy = policy;
        this.log = log;
        this.diagnostics = diagnostics;
    }

    void start() {
        new AgentThread(this, "bulwark-flood-log").start();
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
                flush(System.nanoTime());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                diagnostics.error("flood log", e);
            }
        }
    }

    void flush(long nowNanos) {
        ActivePolicy current = policy.get();
        for (FloodEvent<RefusedRequest> window : state.closeWindows(nowNanos)) {
            log.offer(EntryEvents.flood(current.redactor(), window, current.fileName()));
        }
    }
}
