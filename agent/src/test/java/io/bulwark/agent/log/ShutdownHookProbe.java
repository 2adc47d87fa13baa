package io.bulwark.agent.log;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Run in a forked JVM by {@link AttackLogShutdownTest}: queues events and returns from main without closing the
 * log, as an application's JVM would exit under a running agent.
 */
public final class ShutdownHookProbe {

    private ShutdownHookProbe() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int events = Integer.parseInt(args[1]);
        AttackLog log = new AttackLog(file, 100_000_000L, 2, events, System.err::println, Clock.systemUTC());
        log.start();
        for (int i = 0; i < events; i++) {
            if (!log.offer(AttackEvent.builder(Redactor.defaults())
                    .action(EventActions.SQL_INJECTION_DETECTED)
                    .extra("seq", i)
                    .build())) {
                System.exit(3);
            }
        }
    }
}
