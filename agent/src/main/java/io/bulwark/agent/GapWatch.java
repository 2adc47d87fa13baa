package io.bulwark.agent;

import io.bulwark.agent.log.AttackEvent;
import io.bulwark.agent.log.AttackLog;
import io.bulwark.agent.log.EventActions;
import io.bulwark.agent.log.EventCategory;
import io.bulwark.agent.log.EventKind;
import io.bulwark.agent.log.EventOutcome;
import io.bulwark.agent.log.EventType;
import io.bulwark.bootstrap.AgentThread;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Says loudly, on stderr and in the attack log, when a server or JDBC runs with nothing hooked in front of it.
 * Checked on the first request and a few times after start-up (servers and pools start lazily, so one look at
 * premain would see nothing); each gap is said once.
 *
 * <p>A timed look judges only evidence: a server's class loads when the app creates it, its servlets only while it
 * starts, which on a loaded machine can take many seconds. So a timed look waits until the app has defined no
 * class for a while (its start-up, or its first request's class loading, is over) and, failing that, goes ahead
 * only at the last look, so a gap in an app that never stops loading classes is still said.
 */
final class GapWatch {

    /** After start-up: soon, for a fast app's first warning, then later for slow starters and lazy pools. */
    private static final long[] CHECK_AFTER_MILLIS = {3_000, 15_000, 60_000, 300_000};
    /** No class defined for this long: the app has settled. */
    static final long SETTLED_NANOS = 2_000_000_000L;
    private static final long SETTLE_POLL_MILLIS = 250;

    private final HookCensus census;
    private final Supplier<ActivePolicy> policy;
    private final Supplier<AttackLog> log;
    private final Diagnostics diagnostics;
    private final boolean servletEnabled;
    private final boolean jdbcEnabled;
    private final LongSupplier nanosSinceLastClass;
    private final long[] checkAfterMillis;
    private final Set<HookGaps.Kind> said = EnumSet.noneOf(HookGaps.Kind.class);

    GapWatch(HookCensus census, Supplier<ActivePolicy> policy, Supplier<AttackLog> log, Diagnostics diagnostics,
             boolean servletEnabled, boolean jdbcEnabled, LongSupplier nanosSinceLastClass) {
        this(census, policy, log, diagnostics, servletEnabled, jdbcEnabled, nanosSinceLastClass, CHECK_AFTER_MILLIS);
    }

    GapWatch(HookCensus census, Supplier<ActivePolicy> policy, Supplier<AttackLog> log, Diagnostics diagnostics,
             boolean servletEnabled, boolean jdbcEnabled, LongSupplier nanosSinceLastClass, long[] checkAfterMillis) {
        this.checkAfterMillis = checkAfterMillis.clone();
        this.census = census;
        this.policy = policy;
        this.log = log;
        this.diagnostics = diagnostics;
        this.servletEnabled = servletEnabled;
        this.jdbcEnabled = jdbcEnabled;
        this.nanosSinceLastClass = nanosSinceLastClass;
    }

    void start() {
        census.onFirstRequest(this::check);
        AgentThread thread = new AgentThread(this::watch, "bulwark-gap-watch");
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private void watch() {
        long started = System.currentTimeMillis();
        try {
            for (int i = 0; i < checkAfterMillis.length; i++) {
                sleepUntil(started + checkAfterMillis[i]);
                boolean last = i + 1 == checkAfterMillis.length;
                if (last || awaitSettled(started + checkAfterMillis[i + 1])) {
                    check();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether no class was defined for {@link #SETTLED_NANOS} before {@code deadline} (waits until then). */
    private boolean awaitSettled(long deadline) throws InterruptedException {
        while (nanosSinceLastClass.getAsLong() < SETTLED_NANOS) {
            if (System.currentTimeMillis() >= deadline) {
                return false;
            }
            Thread.sleep(SETTLE_POLL_MILLIS);
        }
        return true;
    }

    private static void sleepUntil(long when) throws InterruptedException {
        long wait = when - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** Runs on the first request's thread too: cheap, and never throws into it. */
    void check() {
        try {
            for (HookGaps.Gap gap : HookGaps.find(census.snapshot(servletEnabled, jdbcEnabled))) {
                synchronized (said) {
                    if (!said.add(gap.kind())) {
                        continue;
                    }
                }
                diagnostics.say("WARNING: " + gap.message());
                log.get().offer(AttackEvent.builder(policy.get().redactor())
                        .kind(EventKind.EVENT).category(EventCategory.CONFIGURATION).type(EventType.ERROR)
                        .action(EventActions.INSTRUMENTATION_GAP).outcome(EventOutcome.FAILURE)
                        .reason(gap.message()).build());
            }
        } catch (Throwable t) {
            diagnostics.error("checking for unhooked servers and drivers", t);
        }
    }
}
