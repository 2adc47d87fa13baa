package io.bulwark.agent;

import io.bulwark.agent.log.AttackEvent;
import io.bulwark.agent.log.EventIds;
import io.bulwark.policies.auth.AccessDecision;
import io.bulwark.policies.auth.AuthFailure;
import io.bulwark.policies.auth.AuthResult;
import io.bulwark.policies.auth.BearerChallenge;
import io.bulwark.policies.auth.BruteForce;
import io.bulwark.policies.auth.BruteForceSettings;
import io.bulwark.policies.auth.Identity;
import io.bulwark.policies.model.Mode;
import io.bulwark.policies.model.Protection;
import io.bulwark.policies.net.ClientIpResolver;
import io.bulwark.policies.ratelimit.FloodAggregator;
import io.bulwark.policies.ratelimit.FloodAggregator.FloodEvent;
import io.bulwark.policies.ratelimit.LimitSpec;
import io.bulwark.policies.ratelimit.RateLimitDecision;
import io.bulwark.policies.ratelimit.RequestKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The protections at a request's outermost entry, in DESIGN.md's order: client IP → brute-force block list → IP-keyed
 * limits → route → transport (HTTPS) → credentials and scopes → caller-keyed limits → input validation. Cheap and decisive checks come first,
 * so a flood of forged tokens is refused by address before a single signature is verified.
 *
 * <p>Every refusal is one log event whose id the response carries; rate-limit and block-list refusals are folded per
 * client, limit and window. Nothing here touches the servlet API: the request is an {@link EntryRequest}.
 */
final class EntryChecks {

    static final String BRUTE_FORCE_LIMIT = "authentication.bruteForce";

    private final Consumer<AttackEvent> log;
    private final EntryTransport transport;
    private final EntryValidation validation;

    EntryChecks(Consumer<AttackEvent> log) {
        this.log = log;
        this.transport = new EntryTransport(log);
        this.validation = new EntryValidation(log);
    }

    /** The client address: the peer, or behind trusted proxies the nearest untrusted forwarded hop. */
    static String clientIp(ActivePolicy policy, EntryRequest request) {
        ClientIpResolver resolver = policy.clientIps();
        String peer = request.peerAddress();
        if (resolver == null) {
            return peer;
        }
        return resolver.resolve(peer, request.headers("X-Forwarded-For"), request.headers("Forwarded"));
    }

    EntryOutcome run(ActivePolicy policy, EntryRequest request, long nowMillis, long nowNanos) {
        String ip = clientIp(policy, request);
        ActivePolicy.RouteMatch route = policy.noMatch();

        ProblemResponse blocked = refuseBlockedClient(policy, request, ip, null, nowMillis, nowNanos);
        if (blocked != null) {
            return EntryOutcome.denied(ip, route, null, blocked);
        }

        String pathProblem = null;
        if (policy.refusesAmbiguousPaths()) {
            RouteCache.Lookup lookup = policy.lookup(request.method(), request.rawPath());
            if (lookup.match() != null) {
                route = lookup.match();
            } else {
                // An unusable path still meets the default limits first, so a flood of them is folded, not logged
                // one line per request.
                pathProblem = lookup.rejection();
            }
        }
        RoutePlan plan = route.plan();

        ProblemResponse limited = refuseOverIpLimit(policy, request, ip, route, nowNanos, nowMillis);
        if (limited != null) {
            return EntryOutcome.denied(ip, route, null, limited);
        }
        if (pathProblem != null) {
            ProblemResponse invalid = refuseInvalidPath(policy, request, ip, pathProblem);
            if (invalid != null) {
                return EntryOutcome.denied(ip, route, null, invalid);
            }
        }

        // Before authentication: credentials that crossed the network in the clear are not worth verifying.
        ProblemResponse insecure = transport.refuse(policy, request, ip);
        if (insecure != null) {
            return EntryOutcome.denied(ip, route, null, insecure);
        }

        Identity identity = null;
        Mode authMode = policy.model().effectiveMode(Protection.AUTHENTICATION, plan.route());
        if (authMode != Mode.OFF) {
            Authenticators authenticators = policy.authenticators();
            AuthResult result = authenticators == null ? null : authenticators.authenticate(request, nowMillis);
            if (result instanceof AuthResult.Authenticated authenticated) {
                identity = authenticated.identity();
            } else if (result != null) {
                ProblemResponse refused = refuseCredential(policy, request, ip, authenticators.presented(request),
                        (AuthResult.Rejected) result, authMode, nowMillis);
                if (refused != null) {
                    return EntryOutcome.denied(ip, route, null, refused);
                }
            }
            String subject = identity == null ? null : identity.subject();
            if (subject != null) {
                ProblemResponse blockedCaller = refuseBlockedClient(policy, request, ip, subject, nowMillis,
                        nowNanos);
                if (blockedCaller != null) {
                    return EntryOutcome.denied(ip, route, identity, blockedCaller);
                }
            }
            ProblemResponse denied = refuseAccess(policy, request, ip, plan, identity, authMode);
            if (denied != null) {
                return EntryOutcome.denied(ip, route, identity, denied);
            }
        }

        ProblemResponse over = refuseOverCallerLimit(policy, request, ip, identity, route, nowNanos, nowMillis);
        if (over != null) {
            return EntryOutcome.denied(ip, route, identity, over);
        }

        // After the caller is known and counted, so a flood of invalid requests still meets the limits.
        ProblemResponse invalid = validation.refuse(policy, request, ip, route);
        if (invalid != null) {
            return EntryOutcome.denied(ip, route, identity, invalid);
        }
        return EntryOutcome.admitted(ip, route, identity);
    }

    /**
     * A client on the block list: by address before authentication ({@code subject} null), by subject after it.
     * Refusals during a block are folded like rate-limit refusals; the block itself was logged when it started.
     */
    private ProblemResponse refuseBlockedClient(ActivePolicy policy, EntryRequest request, String ip, String subject,
                                                long nowMillis, long nowNanos) {
        BruteForce guard = policy.bruteForce();
        if (guard == null) {
            return null;
        }
        Mode mode = policy.model().effectiveMode(Protection.BRUTE_FORCE, null);
        if (mode != Mode.BLOCK) {
            return null;
        }
        BruteForceSettings settings = policy.bruteForceSettings();
        List<String> keys = subject == null ? settings.keysFor(ip, null) : settings.keysFor(null, subject);
        for (String key : keys) {
            Duration left = guard.blockedFor(key, nowMillis);
            if (!left.isZero()) {
                long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
                String eventId = fold(policy, request, ip, subject, BRUTE_FORCE_LIMIT, "brute-force", key, true,
                        nowMillis, nowNanos);
                return ProblemResponse.clientBlocked(seconds, eventId);
            }
        }
        return null;
    }

    /** The limits keyed by the client IP alone, before any credential is looked at. */
    private ProblemResponse refuseOverIpLimit(ActivePolicy policy, EntryRequest request, String ip,
                                              ActivePolicy.RouteMatch route, long nowNanos, long nowMillis) {
        List<LimitSpec> limits = route.plan().ipLimits();
        if (limits.isEmpty()) {
            return null;
        }
        Mode mode = policy.model().effectiveMode(Protection.RATE_LIMIT, route.route());
        if (mode == Mode.OFF) {
            return null;
        }
        return refusal(policy, request, ip, null, policy.limiter().enforceByIp(limits, ip, nowNanos), mode,
                nowMillis, nowNanos);
    }

    /** The limits keyed by who calls (API key, subject), the route or a header, once the caller is known. */
    private ProblemResponse refuseOverCallerLimit(ActivePolicy policy, EntryRequest request, String ip,
                                                  Identity identity, ActivePolicy.RouteMatch route, long nowNanos,
                                                  long nowMillis) {
        RoutePlan plan = route.plan();
        if (plan.callerLimits().isEmpty()) {
            return null;
        }
        Mode mode = policy.model().effectiveMode(Protection.RATE_LIMIT, route.route());
        if (mode == Mode.OFF) {
            return null;
        }
        String subject = identity == null ? null : identity.subject();
        String apiKeyId = identity != null && "apiKey".equals(identity.method()) ? subject : null;
        RequestKeys keys = new RequestKeys(ip, apiKeyId, subject, plan.label(),
                plan.callerLimitsReadHeaders() ? request::header : null);
        return refusal(policy, request, ip, subject, policy.limiter().enforce(plan.callerLimits(), keys, nowNanos),
                mode, nowMillis, nowNanos);
    }

    /** The answer to a rate-limit decision: null when admitted, or in monitor mode once the refusal is counted. */
    private ProblemResponse refusal(ActivePolicy policy, EntryRequest request, String ip, String subject,
                                    RateLimitDecision decision, Mode mode, long nowMillis, long nowNanos) {
        if (decision.admitted()) {
            return null;
        }
        boolean block = mode == Mode.BLOCK;
        String limitName = decision.rejectedBy() == null ? "store" : decision.rejectedBy().name();
        String eventId = fold(policy, request, ip, subject, limitName, "rate-limit", decision.rejectedBucketKey(),
                block, nowMillis, nowNanos);
        if (!block) {
            return null;
        }
        return decision.storeUnavailable() ? ProblemResponse.rateLimitStoreUnavailable(decision.retryAfterHeader(),
                eventId) : ProblemResponse.rateLimited(decision.retryAfterHeader(), decision.policyHeader(),
                decision.statusHeader(), eventId);
    }

    /** Counts one refusal in its flood window and returns the window's event id; logs windows that have closed. */
    private String fold(ActivePolicy policy, EntryRequest request, String ip, String subject, String limitName,
                        String ruleId, String clientKey, boolean block, long nowMillis, long nowNanos) {
        List<FloodEvent<RefusedRequest>> closed = new ArrayList<>(0);
        FloodAggregator.Rejection rejection = policy.entryState().floods().reject(limitName, clientKey, nowNanos,
                () -> new RefusedRequest(nowMillis, block, ruleId, limitName, ip, request.method(),
                        request.rawPath(), request.queryString(), request.header("User-Agent"), subject), closed);
        for (FloodEvent<RefusedRequest> window : closed) {
            log.accept(EntryEvents.flood(policy.redactor(), window, policy.fileName()));
        }
        return rejection.eventId();
    }

    private ProblemResponse refuseInvalidPath(ActivePolicy policy, EntryRequest request, String ip, String reason) {
        Mode mode = policy.model().defaultMode();
        if (mode == Mode.OFF) {
            return null;
        }
        String eventId = EventIds.next();
        log.accept(EntryEvents.invalidPath(EntryEvents.about(policy, request, ip, eventId, mode == Mode.BLOCK),
                reason).build());
        return mode == Mode.BLOCK ? ProblemResponse.badPath(reason, eventId) : null;
    }

    /**
     * A presented credential was refused. Whatever the agent could not check itself is a 503 and no strike against
     * the client; everything else counts towards the brute-force threshold and is a 401 with {@code invalid_token}.
     */
    private ProblemResponse refuseCredential(ActivePolicy policy, EntryRequest request, String ip,
                                             PresentedCredential credential, AuthResult.Rejected rejected,
                                             Mode mode, long nowMillis) {
        AuthFailure failure = rejected.failure();
        boolean block = mode == Mode.BLOCK;
        String eventId = EventIds.next();
        String ruleId = credential.kind() == PresentedCredential.Kind.BEARER ? "auth.jwt" : "auth.apiKey";
        int status = failure == AuthFailure.KEYS_UNAVAILABLE ? 503 : 401;
        log.accept(EntryEvents.authDenied(EntryEvents.about(policy, request, ip, eventId, block), ruleId,
                        failure.code() + ": " + failure.description(), status)
                .userId(rejected.subject())
                .extra("credential", credential.kind().label())
                .extra("auth_failure", failure.code())
                .build());
        if (failure.countsAsBruteForce()) {
            recordFailure(policy, request, ip, rejected.subject(), nowMillis);
        }
        if (!block) {
            return null;
        }
        if (status == 503) {
            return ProblemResponse.authenticationUnavailable(eventId);
        }
        return ProblemResponse.unauthorized(BearerChallenge.invalidToken(realm(policy), failure),
                "The credentials were refused: " + failure.description() + ".", eventId);
    }

    private void recordFailure(ActivePolicy policy, EntryRequest request, String ip, String trustedSubject,
                               long nowMillis) {
        BruteForce guard = policy.bruteForce();
        if (guard == null || policy.model().effectiveMode(Protection.BRUTE_FORCE, null) == Mode.OFF) {
            return;
        }
        for (String key : policy.bruteForceSettings().keysFor(ip, trustedSubject)) {
            if (guard.recordFailure(key, nowMillis)) {
                long seconds = policy.bruteForceSettings().blockFor().toSeconds();
                log.accept(EntryEvents.bruteForceBlocked(
                                EntryEvents.about(policy, request, ip, EventIds.next(), true), key, seconds)
                        .userId(key.startsWith("subject:") ? trustedSubject : null)
                        .build());
            }
        }
    }

    private ProblemResponse refuseAccess(ActivePolicy policy, EntryRequest request, String ip, RoutePlan plan,
                                         Identity identity, Mode mode) {
        AccessDecision decision = plan.auth().decide(identity);
        if (decision.allowed()) {
            return null;
        }
        boolean block = mode == Mode.BLOCK;
        String eventId = EventIds.next();
        AttackEvent.Builder event = EntryEvents.about(policy, request, ip, eventId, block);
        ProblemResponse answer;
        if (decision.outcome() == AccessDecision.Outcome.INSUFFICIENT_SCOPE) {
            EntryEvents.authDenied(event, "auth.scope", "insufficient_scope: the caller lacks a required scope", 403)
                    .userId(identity.subject())
                    .extra("missing_scopes", List.copyOf(decision.missing()));
            answer = ProblemResponse.insufficientScope(
                    BearerChallenge.insufficientScope(realm(policy), decision.required()), eventId);
        } else {
            EntryEvents.authDenied(event, "auth.required", "missing_credentials: the route requires credentials",
                    401);
            answer = ProblemResponse.unauthorized(BearerChallenge.missingCredentials(realm(policy)),
                    "This resource requires credentials.", eventId);
        }
        log.accept(event.build());
        return block ? answer : null;
    }

    private static String realm(ActivePolicy policy) {
        Authenticators authenticators = policy.authenticators();
        return authenticators == null ? null : authenticators.realm();
    }
}
