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
import java.util.function.Supplier;

/**
 * Says loudly, on stderr and in the attack log, when a server or JDBC runs with nothing hooked in front of it.
 * Checked on the first request and a few times after start-up (servers and pools start lazily, so one look at
 * premain would see nothing); each gap is said once.
 */
final class GapWatch {

    /** After start-up: soon, for a fast app's first warning, then later for slow starters and lazy pools. */
    private static final long[] CHECK_AFTER_MILLIS = {3_000, 15_000, 60_000, 300_000};

    private final HookCensus census;
    private final Supplier<ActivePolicy> policy;
    private final Supplier<AttackLog> log;
    private final Diagnostics diagnostics;
    private final boolean servletEnabled;
    private final boolean jdbcEnabled;
    private final Set<HookGaps.Kind> said = EnumSet.noneOf(HookGaps.Kind.class);

    GapWatch(HookCensus census, Supplier<ActivePolicy> policy, Supplier<AttackLog> log, Diagnostics diagnostics,
             boolean servletEnabled, boolean jdbcEnabled) {
        this.census = census;
        this.policy = policy;
        this.log = log;
        this.diagnostics = diagnostics;
        this.servletEnabled = servletEnabled;
        this.jdbcEnabled = jdbcEnabled;
    }

    void start() {
        census.onFirstRequest(this::check);
        AgentThread thread = new AgentThread(this::watch, "bulwark-gap-watch");
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private void watch() {
        long started = System.currentTimeMillis();
        for (long after : CHECK_AFTER_MILLIS) {
            long wait = started + after - System.currentTimeMillis();
            try {
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
            check();
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
