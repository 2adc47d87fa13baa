package io.bulwark.agent;

import io.bulwark.agent.log.AttackEvent;
import io.bulwark.agent.log.EventActions;
import io.bulwark.agent.log.EventCategory;
import io.bulwark.agent.log.EventKind;
import io.bulwark.agent.log.EventOutcome;
import io.bulwark.agent.log.EventType;
import io.bulwark.agent.log.Redactor;
import io.bulwark.agent.metrics.StoreMetrics;
import io.bulwark.policies.ratelimit.RedisSettings;
import io.bulwark.policies.ratelimit.RedisSettings.FailureMode;
import io.bulwark.policies.ratelimit.RedisStore;
import java.util.List;
import java.util.function.Consumer;

/**
 * Says when the shared rate-limit store stops answering and when it answers again, on stderr and in the attack log:
 * once per outage, never per request (the store reports transitions only). An operator needs to know that limits
 * were not enforced (or that clients were refused) and for how long; the per-request refusals of a {@code deny}
 * outage are folded like any other rate-limit refusal.
 */
final class StoreOutageLog {

    private static final Redactor REDACTOR = new Redactor(List.of(), Redactor.DEFAULT_MAX_VALUE_CHARS);
    private static final int MAX_CAUSE_CHARS = 200;

    private final Diagnostics diagnostics;
    private volatile Consumer<AttackEvent> log = event -> { };
    private volatile StoreMetrics metrics;

    StoreOutageLog(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The attack log opens after the policy is activated; the store reports nothing before the first request. */
    void writeTo(Consumer<AttackEvent> attackLog) {
        this.log = attackLog;
    }

    void countIn(StoreMetrics storeMetrics) {
        this.metrics = storeMetrics;
    }

    RedisStore.OutageListener listenerFor(RedisSettings settings) {
        String consequence = settings.onFailure() == FailureMode.ALLOW
                ? "rate limits are not enforced (store.onFailure allow)"
                : "rate-limited requests are refused with 503 (store.onFailure deny)";
        return new RedisStore.OutageListener() {
            @Override
            public void unavailable(String redactedUri, Throwable cause) {
                String why = describe(cause);
                StoreMetrics counts = metrics;
                if (counts != null) {
                    counts.unavailable(System.currentTimeMillis());
                }
                diagnostics.say("rate-limit store " + redactedUri + " does not answer within "
                        + settings.timeout().toMillis() + "ms (" + why + "); " + consequence + " until it is back");
                log.accept(AttackEvent.builder(REDACTOR)
                        .kind(EventKind.EVENT).category(EventCategory.DATABASE).type(EventType.ERROR)
                        .action(EventActions.STORE_UNAVAILABLE).outcome(EventOutcome.FAILURE)
                        .reason(why)
                        .extra("store", redactedUri)
                        .extra("on_failure", settings.onFailure().name().toLowerCase(java.util.Locale.ROOT))
                        .build());
            }

            @Override
            public void recovered(String redactedUri) {
                StoreMetrics counts = metrics;
                if (counts != null) {
                    counts.recovered();
                }
                diagnostics.say("rate-limit store " + redactedUri + " answers again; shared limits are enforced");
                log.accept(AttackEvent.builder(REDACTOR)
                        .kind(EventKind.EVENT).category(EventCategory.DATABASE).type(EventType.INFO)
                        .action(EventActions.STORE_RECOVERED).outcome(EventOutcome.SUCCESS)
                        .extra("store", redactedUri)
                        .build());
            }
        };
    }

    /** The exception's kind and first line: Lettuce's messages name the host, never credentials. */
    private static String describe(Throwable cause) {
        if (cause == null) {
            return "no answer";
        }
        String message = cause.getMessage();
        String text = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst()
                .orElse(""));
        return text.length() > MAX_CAUSE_CHARS ? text.substring(0, MAX_CAUSE_CHARS) : text;
    }
}
