package io.bulwark.agent;

import io.bulwark.agent.log.AttackEvent;
import io.bulwark.agent.log.EventActions;
import io.bulwark.agent.log.EventCategory;
import io.bulwark.agent.log.EventIds;
import io.bulwark.policies.model.Mode;
import io.bulwark.policies.model.Protection;
import java.util.function.Consumer;

/**
 * {@code transport.requireHttps} at the entry: plain HTTP is refused (or a GET redirected) before any credential in
 * it is looked at. Logged, since a client sending credentials in the clear is worth an operator's attention.
 */
final class EntryTransport {

    private final Consumer<AttackEvent> log;

    EntryTransport(Consumer<AttackEvent> log) {
        this.log = log;
    }

    ProblemResponse refuse(ActivePolicy policy, EntryRequest request, String ip) {
        TransportGuard guard = policy.transport();
        if (guard == null || !guard.requiresHttps()) {
            return null;
        }
        Mode mode = policy.model().effectiveMode(Protection.TRANSPORT, null);
        if (mode == Mode.OFF) {
            return null;
        }
        TransportGuard.Verdict verdict = guard.decide(request);
        if (verdict == TransportGuard.Verdict.PASS) {
            return null;
        }
        boolean block = mode == Mode.BLOCK;
        String eventId = EventIds.next();
        boolean redirect = verdict == TransportGuard.Verdict.REDIRECT;
        log.accept(EntryEvents.about(policy, request, ip, eventId, block)
                .category(EventCategory.NETWORK, EventCategory.WEB)
                .action(EventActions.HTTPS_REQUIRED)
                .rule("transport.requireHttps", "HTTPS required")
                .reason(redirect ? "plain HTTP; redirected to HTTPS" : "plain HTTP; HTTPS is required")
                .severity(3)
                .statusCode(redirect ? 301 : 403)
                .build());
        if (!block) {
            return null;
        }
        return redirect ? ProblemResponse.redirectToHttps(TransportGuard.redirectTarget(request), eventId)
                : ProblemResponse.httpsRequired(eventId);
    }
}
