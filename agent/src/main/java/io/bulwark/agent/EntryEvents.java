package io.bulwark.agent;

import io.bulwark.agent.log.AttackEvent;
import io.bulwark.agent.log.EventActions;
import io.bulwark.agent.log.EventCategory;
import io.bulwark.agent.log.EventKind;
import io.bulwark.agent.log.EventOutcome;
import io.bulwark.agent.log.EventType;
import io.bulwark.agent.log.Redactor;
import io.bulwark.policies.ratelimit.FloodAggregator.FloodEvent;
import java.time.Instant;

/**
 * The attack-log events of entry protections. Every builder here takes only what is safe to log: failure codes,
 * scope names, key ids and trusted subjects; never a token or a key (the query string goes through the redactor).
 */
final class EntryEvents {

    private EntryEvents() {
    }

    /** An event about {@code request}, with the fields every entry event shares. */
    static AttackEvent.Builder about(ActivePolicy policy, EntryRequest request, String clientIp, String eventId,
                                     boolean block) {
        return AttackEvent.builder(policy.redactor())
                .id(eventId)
                .kind(EventKind.ALERT)
                .type(block ? EventType.DENIED : EventType.INDICATOR)
                .outcome(block ? EventOutcome.FAILURE : EventOutcome.UNKNOWN)
                .mode(block ? "block" : "monitor")
                .sourceIp(clientIp)
                .httpMethod(request.method())
                .urlPath(request.rawPath())
                .urlQuery(request.queryString())
                .userAgent(request.header("User-Agent"))
                .policyFile(policy.fileName());
    }

    static AttackEvent.Builder authDenied(AttackEvent.Builder event, String ruleId, String reason, int status) {
        return event.category(EventCategory.AUTHENTICATION, EventCategory.WEB)
                .action(EventActions.AUTH_DENIED)
                .rule(ruleId, "Authentication")
                .reason(reason)
                .severity(status == 403 ? 4 : 3)
                .statusCode(status);
    }

    static AttackEvent.Builder bruteForceBlocked(AttackEvent.Builder event, String key, long blockSeconds) {
        return event.category(EventCategory.AUTHENTICATION, EventCategory.INTRUSION_DETECTION)
                .action(EventActions.BRUTE_FORCE_BLOCKED)
                .rule("brute-force", "Brute force")
                .reason("too many failed credentials; blocked for " + blockSeconds + "s")
                .severity(6)
                .extra("blocked_key", key.startsWith("ip:") ? "ip" : "subject")
                .extra("block_seconds", blockSeconds);
    }

    static AttackEvent.Builder invalidPath(AttackEvent.Builder event, String reason) {
        return event.category(EventCategory.WEB)
                .action(EventActions.INPUT_INVALID)
                .rule("path", "Path normalisation")
                .reason(reason)
                .severity(4)
                .statusCode(400);
    }

    /** One line for a closed flood window: its first refused request, how many were refused and when. */
    static AttackEvent flood(Redactor redactor, FloodEvent<RefusedRequest> window, String policyFile) {
        RefusedRequest first = window.first();
        long spanMillis = Math.max(0, (window.lastNanos() - window.firstNanos()) / 1_000_000);
        AttackEvent.Builder event = AttackEvent.builder(redactor)
                .id(window.eventId())
                .timestamp(Instant.ofEpochMilli(first.atMillis()))
                .kind(EventKind.ALERT)
                .category(EventCategory.NETWORK, EventCategory.WEB)
                .type(first.blocked() ? EventType.DENIED : EventType.INDICATOR)
                .outcome(first.blocked() ? EventOutcome.FAILURE : EventOutcome.UNKNOWN)
                .mode(first.blocked() ? "block" : "monitor")
                .action(EventActions.RATE_LIMITED)
                .rule(first.ruleId(), window.limitName())
                .reason(window.overflow()
                        ? "refusals of clients beyond the tracked limit, folded into one event"
                        : "refused by " + first.ruleId() + " " + window.limitName())
                .severity(3)
                .count(window.rejected())
                .window(Instant.ofEpochMilli(first.atMillis()), Instant.ofEpochMilli(first.atMillis() + spanMillis))
                .policyFile(policyFile)
                .extra("limit", window.limitName());
        if (first.blocked()) {
            event.statusCode(429);
        }
        if (!window.overflow()) {
            event.sourceIp(first.clientIp()).httpMethod(first.method()).urlPath(first.path())
                    .urlQuery(first.query()).userAgent(first.userAgent()).userId(first.userId());
        }
        return event.build();
    }
}
