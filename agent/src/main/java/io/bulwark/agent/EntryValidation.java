package io.bulwark.agent;

import io.bulwark.policies.net.FormEncoding;
import io.bulwark.agent.log.AttackEvent;
import io.bulwark.agent.log.EventActions;
import io.bulwark.agent.log.EventCategory;
import io.bulwark.agent.log.EventIds;
import io.bulwark.policies.model.Mode;
import io.bulwark.policies.model.Protection;
import io.bulwark.policies.validation.BodyLimit;
import io.bulwark.policies.validation.RequestValues;
import io.bulwark.policies.validation.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A route's {@code validate} rules at the entry, before the app runs: the body's declared size and content type, then
 * the query, path and header rules. A body that arrives without a length, or longer than declared, is measured while
 * the app reads it ({@link BodyBudget}).
 *
 * <p>On a route with JSON rules the body is read here, before the app runs, up to the route's {@code maxBodySize}
 * (else {@link ValidationPlan#DEFAULT_JSON_BODY_CAP}); past that it is refused with 413 and the app never runs. It is
 * judged as JSON whatever its declared content type (an app that ignores the header must not be a way around the
 * rules; {@code contentTypes} is the rule for the header). The app then reads the saved bytes ({@link SavedBody}).
 */
final class EntryValidation {

    /** Methods whose requests are meant to carry a body: on these, no body means every required JSON field is missing. */
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private static final Violation UNREADABLE_BODY = new Violation("json", "$", "json",
            "body could not be read", null);

    private final Consumer<AttackEvent> log;

    EntryValidation(Consumer<AttackEvent> log) {
        this.log = log;
    }

    /** The denial for this request, or null (valid, nothing to check, or monitor mode after logging). */
    ProblemResponse refuse(ActivePolicy policy, EntryRequest request, String ip, ActivePolicy.RouteMatch route) {
        ValidationPlan plan = route.plan().validation();
        if (plan == null) {
            return null;
        }
        Mode mode = policy.model().effectiveMode(Protection.VALIDATION, route.route());
        if (mode == Mode.OFF) {
            return null;
        }
        List<Violation> violations = violations(plan, request, route.pathValues());
        if (violations.isEmpty()) {
            return null;
        }
        boolean block = mode == Mode.BLOCK;
        String eventId = EventIds.next();
        log.accept(event(EntryEvents.about(policy, request, ip, eventId, block), violations).build());
        return block ? ProblemResponse.invalidInput(violations, eventId) : null;
    }

    static List<Violation> violations(ValidationPlan plan, EntryRequest request, Map<String, String> pathValues) {
        List<Violation> found = new ArrayList<>();
        long declared = contentLength(request.header("Content-Length"));
        boolean chunked = isChunked(request.header("Transfer-Encoding"));
        if (plan.maxBodySize() != null && declared >= 0) {
            Violation tooLarge = BodyLimit.checkDeclared(declared, plan.maxBodySize());
            if (tooLarge != null) {
                // The body will not be read, so nothing about it is worth checking further.
                return List.of(tooLarge);
            }
        }
        Violation type = plan.validator().contentTypes().check(request.header("Content-Type"),
                declared > 0 || chunked);
        if (type != null) {
            found.add(type);
        }
        // Most routes with rules name no header or no query parameter: those are not read or parsed at all.
        Map<String, List<String>> headers = plan.headerNames().isEmpty() ? Map.of() : new HashMap<>();
        for (String name : plan.headerNames()) {
            List<String> lines = request.headers(name);
            if (!lines.isEmpty()) {
                headers.put(name, lines);
            }
        }
        Map<String, List<String>> query = plan.queryNames().isEmpty() ? Map.of()
                : FormEncoding.parameterValues(request.queryString(), plan.queryNames());
        RequestValues values = new RequestValues(query, pathValues, headers, null);
        if (!plan.needsBody()) {
            found.addAll(plan.validator().validate(values));
        } else if (type != null) {
            found.addAll(plan.validator().validateWithoutJson(values)); // refused for its media type: body unread
        } else {
            List<Violation> tooLarge = withBody(plan, request, declared, values, found);
            if (tooLarge != null) {
                return tooLarge;
            }
        }
        return found;
    }

    /**
     * Reads the body (bounded by the route's cap) and adds every violation to {@code found}.
     *
     * @return the single 413 violation when the body is over the cap (nothing else about it is reliable), else null
     */
    private static List<Violation> withBody(ValidationPlan plan, EntryRequest request, long declared,
                                            RequestValues values, List<Violation> found) {
        long cap = plan.jsonBodyCap();
        if (declared > cap) {
            return List.of(BodyLimit.checkDeclared(declared, cap));
        }
        SavedBody body;
        try {
            body = request instanceof BodySource source ? source.saveBody(cap, declared) : null;
        } catch (IOException | RuntimeException unreadable) {
            found.addAll(plan.validator().validateWithoutJson(values));
            found.add(UNREADABLE_BODY);
            return null;
        }
        if (body != null && !body.complete()) {
            // Only a prefix was read: judging it would be judging another body than the app's.
            return List.of(BodyLimit.checkDeclared(cap + 1, cap));
        }
        int length = body == null ? 0 : body.length();
        if (length == 0 && !BODY_METHODS.contains(request.method())) {
            found.addAll(plan.validator().validateWithoutJson(values)); // a GET on a route whose PUT has JSON rules
        } else {
            found.addAll(plan.validator().validate(values, body == null ? new byte[0] : body.bytes(), 0, length));
        }
        return null;
    }

    /** The declared length; -1 when absent or not a plain non-negative number (the container refuses those). */
    static long contentLength(String header) {
        if (header == null || header.isEmpty() || header.length() > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static boolean isChunked(String transferEncoding) {
        return transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /** One event per refused request, listing every violation; a bad value only as its short, escaped prefix. */
    static AttackEvent.Builder event(AttackEvent.Builder event, List<Violation> violations) {
        int status = Violation.httpStatus(violations);
        Violation first = violations.get(0);
        List<String> listed = new ArrayList<>(violations.size());
        for (Violation violation : violations) {
            listed.add(violation.source() + ":" + violation.name() + ":" + violation.rule());
        }
        return event.category(EventCategory.WEB)
                .action(EventActions.INPUT_INVALID)
                .rule("validation." + first.rule(), "Input validation")
                .reason(violations.size() == 1 ? first.message()
                        : first.message() + " (and " + (violations.size() - 1) + " more)")
                .severity(3)
                .statusCode(status)
                .input(first.source(), first.name(), first.valuePrefix())
                .extra("violations", listed);
    }
}
