package io.bulwark.agent;

import io.bulwark.agent.log.Redactor;
import io.bulwark.policies.auth.AuthRequirement;
import io.bulwark.policies.auth.BruteForce;
import io.bulwark.policies.auth.BruteForceSettings;
import io.bulwark.policies.auth.ScopeRequirement;
import io.bulwark.policies.injection.InjectionEngine;
import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.InputSource;
import io.bulwark.policies.model.AuthenticationSettings;
import io.bulwark.policies.model.CidrBlock;
import io.bulwark.policies.model.InputRef;
import io.bulwark.policies.model.Mode;
import io.bulwark.policies.model.Policy;
import io.bulwark.policies.model.Protection;
import io.bulwark.policies.model.RateLimit;
import io.bulwark.policies.model.Route;
import io.bulwark.policies.model.Scope;
import io.bulwark.policies.model.ScopeMatch;
import io.bulwark.policies.net.ClientIpResolver;
import io.bulwark.policies.ratelimit.LimitSpec;
import io.bulwark.policies.ratelimit.RateLimiter;
import io.bulwark.policies.ratelimit.RedisSettings;
import io.bulwark.policies.routes.NormalizedPath;
import io.bulwark.policies.routes.PathNormalizer;
import io.bulwark.policies.routes.RoutePattern;
import io.bulwark.policies.routes.RouteTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A policy made ready to answer requests: the parsed model plus the engines built from it. Immutable; a reload
 * builds a new one and swaps it in whole, so a request sees one policy from entry to exit. What must outlive a
 * reload (buckets, flood windows, brute-force counts) lives in the {@link EntryState} it is built with.
 *
 * <p>Routes are matched by the engine's {@link RouteTable} on the normalised path, the one matcher (HEAD is covered
 * by GET rules); the model's {@code PathPattern} only checks what the file says.
 */
final class ActivePolicy {

    private final Policy policy;
    private final InjectionEngine injection;
    private final Redactor redactor;
    private final EntryState entryState;
    private final RouteTable<RoutePlan> routes;
    private final RoutePlan unmatched;
    private final RouteMatch noMatch;
    private final boolean checksEntry;
    private final boolean normalisesPaths;
    private final ClientIpResolver clientIps;
    private final Authenticators authenticators;
    private final BruteForceSettings bruteForceSettings;
    private final BruteForce bruteForce;
    private final TransportGuard transport;
    private final RateLimiter limiter;
    private final RouteCache routeCache = new RouteCache();

    /** For tests and tools: its own entry state, nothing carried over. */
    ActivePolicy(Policy policy) throws PolicyActivationException {
        this(policy, new EntryState());
    }

    ActivePolicy(Policy policy, EntryState entryState) throws PolicyActivationException {
        this.policy = policy;
        this.entryState = entryState;
        this.injection = new InjectionEngine();
        this.authenticators = Authenticators.from(policy);
        this.redactor = new Redactor(authenticators == null ? List.of() : authenticators.secretNames(),
                Redactor.DEFAULT_MAX_VALUE_CHARS);
        Map<String, LimitSpec> limits = limitSpecs(policy);
        List<io.bulwark.policies.routes.Route<RoutePlan>> table = new ArrayList<>();
        for (int i = 0; i < policy.routes().size(); i++) {
            Route route = policy.routes().get(i);
            // A builder, not +: each new shape of string concatenation costs premain a few generated classes.
            RoutePlan plan = plan(route, new StringBuilder().append(i).append(':').append(route.path()).toString(),
                    limits);
            RoutePattern pattern;
            try {
                pattern = RoutePattern.parse(route.path().toString());
            } catch (IllegalArgumentException e) {
                throw new PolicyActivationException("routes[" + i + "].path: " + e.getMessage(), e);
            }
            table.add(new io.bulwark.policies.routes.Route<>(Set.copyOf(route.methods()), pattern, plan));
        }
        this.routes = new RouteTable<>(table);
        this.unmatched = plan(null, "-:unmatched", limits);
        this.noMatch = new RouteMatch(unmatched, Map.of());
        this.normalisesPaths = !policy.routes().isEmpty() || policy.authentication() != null;
        List<CidrBlock> proxies = policy.clientIp().trustedProxies();
        this.clientIps = proxies.isEmpty() ? null : new ClientIpResolver(proxies);
        AuthenticationSettings auth = policy.authentication();
        this.bruteForceSettings = auth == null || auth.bruteForce() == null ? null : bruteForceSettings(auth);
        // The limiter first: it opens (or keeps) the Redis store that a fleet-wide brute-force guard shares.
        this.limiter = entryState.limiter(redisSettings(policy));
        this.bruteForce = entryState.bruteForce(bruteForceSettings);
        this.transport = TransportGuard.of(policy.transport(), clientIps);
        boolean anyPlanChecks = unmatched.checksAnything();
        for (var route : table) {
            anyPlanChecks |= route.payload().checksAnything();
        }
        this.checksEntry = anyPlanChecks || authenticators != null || normalisesPaths || transport != null;
    }

    private RoutePlan plan(Route route, String label, Map<String, LimitSpec> limits)
            throws PolicyActivationException {
        List<LimitSpec> ipLimits = new ArrayList<>();
        List<LimitSpec> callerLimits = new ArrayList<>();
        for (String name : policy.rateLimitsFor(route).keySet()) {
            LimitSpec spec = limits.get(name);
            (spec.keyedByIpOnly() ? ipLimits : callerLimits).add(spec);
        }
        ValidationPlan validation;
        try {
            validation = route == null ? null : ValidationPlan.from(route.validate());
        } catch (IllegalArgumentException e) {
            throw new PolicyActivationException("routes[" + label.substring(0, label.indexOf(':')) + "].validate: "
                    + e.getMessage(), e);
        }
        return new RoutePlan(route, label, requirement(policy.authFor(route)), ipLimits, callerLimits, validation);
    }

    private static Map<String, LimitSpec> limitSpecs(Policy policy) throws PolicyActivationException {
        Map<String, LimitSpec> specs = new LinkedHashMap<>();
        for (Map.Entry<String, RateLimit> entry : policy.rateLimits().entrySet()) {
            RateLimit limit = entry.getValue();
            List<String> key = new ArrayList<>();
            for (var part : limit.key().parts()) {
                key.add(part.toString());
            }
            try {
                specs.put(entry.getKey(), LimitSpec.of(entry.getKey(), key, limit.limit(), limit.per().duration(),
                        limit.burst() == null ? null : limit.burst().longValue()));
            } catch (IllegalArgumentException e) {
                throw new PolicyActivationException("rateLimits." + entry.getKey() + ": " + e.getMessage(), e);
            }
        }
        return specs;
    }

    private static AuthRequirement requirement(io.bulwark.policies.model.AuthRequirement model) {
        if (model instanceof io.bulwark.policies.model.AuthRequirement.Scoped scoped) {
            Set<String> scopes = new LinkedHashSet<>();
            for (Scope scope : scoped.scopes()) {
                scopes.add(scope.value());
            }
            return new AuthRequirement.Scoped(new ScopeRequirement(scopes,
                    scoped.match() == ScopeMatch.ANY ? ScopeRequirement.Match.ANY : ScopeRequirement.Match.ALL));
        }
        return model.needsCredentials() ? new AuthRequirement.Authenticated() : new AuthRequirement.Public();
    }

    private static BruteForceSettings bruteForceSettings(AuthenticationSettings auth) {
        var model = auth.bruteForce();
        BruteForceSettings.Key key = model.key().ip() && model.key().subject() ? BruteForceSettings.Key.IP_AND_SUBJECT
                : model.key().subject() ? BruteForceSettings.Key.SUBJECT : BruteForceSettings.Key.IP;
        return new BruteForceSettings(key, model.maxFailures(), model.per().duration(), model.blockFor().duration());
    }

    private static RedisSettings redisSettings(Policy policy) {
        var store = policy.store();
        if (store == null || store.redis() == null) {
            return null;
        }
        return new RedisSettings(store.redis(), store.timeout().duration(),
                store.onFailure() == io.bulwark.policies.model.OnFailure.DENY
                        ? RedisSettings.FailureMode.DENY : RedisSettings.FailureMode.ALLOW);
    }

    Policy model() {
        return policy;
    }

    /**
     * The route for a normalised path; {@link #noMatch()} when none matches. Callers normalise first
     * ({@link #normalise}), so every spelling of a path meets the same rule.
     */
    RouteMatch route(String method, NormalizedPath.Valid path) {
        var match = routes.match(method == null ? "" : method, path);
        return match.isPresent() ? new RouteMatch(match.get().payload(), match.get().pathParams()) : noMatch;
    }

    /** The route for a raw request path, for requests that did not go through entry checks; never null. */
    RouteMatch routeOfRawPath(String method, String rawPath) {
        RouteCache.Lookup lookup = lookup(method, rawPath);
        return lookup.match() != null ? lookup.match() : noMatch;
    }

    /**
     * The route for a raw request path, or why the path is refused: normalised and matched once per distinct recent
     * path (see {@link RouteCache}), since the same few paths make up most traffic.
     */
    RouteCache.Lookup lookup(String method, String rawPath) {
        String m = method == null ? "" : method;
        String path = rawPath == null ? "/" : rawPath;
        RouteCache.Lookup cached = routeCache.get(m, path);
        if (cached != null) {
            return cached;
        }
        NormalizedPath normalised = PathNormalizer.normalize(path);
        RouteCache.Lookup found = normalised instanceof NormalizedPath.Valid valid
                ? new RouteCache.Lookup(m, path, route(m, valid), null)
                : new RouteCache.Lookup(m, path, null, ((NormalizedPath.Rejected) normalised).reason());
        routeCache.put(found);
        return found;
    }

    static NormalizedPath normalise(String rawPath) {
        return PathNormalizer.normalize(rawPath == null ? "/" : rawPath);
    }

    RouteMatch noMatch() {
        return noMatch;
    }

    /**
     * False for a policy with no routes, no credentials and no limits: entry then has nothing to check, and a request
     * pays for nothing but its context.
     */
    boolean checksEntry() {
        return checksEntry;
    }

    /** Whether a path the normaliser refuses is answered 400: only where routes or credentials give paths meaning. */
    boolean refusesAmbiguousPaths() {
        return normalisesPaths;
    }

    ClientIpResolver clientIps() {
        return clientIps;
    }

    Authenticators authenticators() {
        return authenticators;
    }

    /** HTTPS enforcement and HSTS; null when the policy's {@code transport} asks for neither. */
    TransportGuard transport() {
        return transport;
    }

    BruteForce bruteForce() {
        return bruteForce;
    }

    BruteForceSettings bruteForceSettings() {
        return bruteForceSettings;
    }

    RateLimiter limiter() {
        return limiter;
    }

    EntryState entryState() {
        return entryState;
    }

    Mode mode(Protection protection, RouteMatch match) {
        return policy.effectiveMode(protection, match.route());
    }

    InjectionEngine injection() {
        return injection;
    }

    Redactor redactor() {
        return redactor;
    }

    String fileName() {
        Path source = policy.source();
        return source == null ? Policy.BUILT_IN_DEFAULT_NAME : source.toString();
    }

    /**
     * The inputs the injection engine should look at: all of them but those {@code injection.allow} exempts on
     * this route. Container-parsed parameters may come from the query or a form body, so {@code query:NAME} and
     * {@code form:NAME} both exempt them.
     */
    List<Input> withoutAllowed(RouteMatch match, List<Input> inputs) {
        List<InputRef> allowed = policy.injectionAllowFor(match.route());
        if (allowed.isEmpty()) {
            return inputs;
        }
        List<Input> kept = new ArrayList<>(inputs.size());
        for (Input input : inputs) {
            if (!isAllowed(input, allowed, match)) {
                kept.add(input);
            }
        }
        return kept;
    }

    private static boolean isAllowed(Input input, List<InputRef> allowed, RouteMatch match) {
        for (InputRef ref : allowed) {
            switch (ref.source()) {
                case QUERY, FORM -> {
                    if ((input.source() == InputSource.QUERY || input.source() == InputSource.FORM)
                            && ref.name().equals(input.name())) {
                        return true;
                    }
                }
                case PATH -> {
                    String value = match.pathValues().get(ref.name());
                    if (input.source() == InputSource.PATH && value != null && value.equals(input.value())) {
                        return true;
                    }
                }
                case HEADER -> {
                    if (input.source() == InputSource.HEADER && ref.name().equalsIgnoreCase(input.name())) {
                        return true;
                    }
                }
                default -> {
                    if (input.source() == ref.source() && ref.name().equals(input.name())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A route's plan and the values of its {@code {name}} segments; the plan's route is null when none matched. */
    record RouteMatch(RoutePlan plan, Map<String, String> pathValues) {
        Route route() {
            return plan.route();
        }
    }
}
