package io.bulwark.policies.model;

import io.bulwark.policies.model.parse.PolicyParseResult;
import io.bulwark.policies.model.parse.PolicyParser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, valid policy. Sections the file leaves out are present with their defaults, except
 * {@link #authentication()}, {@link #store()} and {@link #detection()}, which are null when absent because absence
 * means "not used".
 * Only {@link PolicyParser} builds one that has been checked; the constructor alone checks nothing.
 *
 * @param version         always 1
 * @param mode            the default mode of every protection; null means block
 * @param log             the attack log
 * @param clientIp        client address resolution
 * @param transport       HTTPS enforcement
 * @param instrumentation hook groups switched off
 * @param authentication  null when no authentication is configured
 * @param rateLimits      rate limits by name, in file order
 * @param store           null keeps state in this JVM only
 * @param injection       injection detection
 * @param detection       null when spike and anomaly detection is not used
 * @param defaults        route defaults
 * @param routes          routes in file order; the first match wins
 * @param source          the policy file, absolute; null for the built-in default and for text parsed without one
 */
public record Policy(@Required("version is required; write \"version\": 1") Integer version, Mode mode,
                     LogSettings log, ClientIpSettings clientIp, TransportSettings transport,
                     InstrumentationSettings instrumentation, AuthenticationSettings authentication,
                     Map<String, RateLimit> rateLimits, StoreSettings store, InjectionSettings injection,
                     DetectionSettings detection,
                     DefaultSettings defaults, List<Route> routes, @NotInFile Path source) {

    /** The policy used when no file is found (POLICY.md): injection blocked, nothing else. */
    public static final String BUILT_IN_DEFAULT_JSON = "{\"version\":1,\"injection\":{\"sql\":\"block\",\"shell\":\"block\"}}";
    public static final String BUILT_IN_DEFAULT_NAME = "<built-in default policy>";

    public Policy {
        log = log == null ? LogSettings.defaults() : log;
        clientIp = clientIp == null ? new ClientIpSettings(null) : clientIp;
        transport = transport == null ? new TransportSettings(null, null, null) : transport;
        instrumentation = instrumentation == null ? new InstrumentationSettings(null) : instrumentation;
        rateLimits = Copies.map(rateLimits);
        injection = injection == null ? InjectionSettings.defaults() : injection;
        defaults = defaults == null ? new DefaultSettings(null, null, null) : defaults;
        routes = Copies.list(routes);
    }

    public static Policy builtInDefault() {
        PolicyParseResult result = PolicyParser.parse(BUILT_IN_DEFAULT_JSON, BUILT_IN_DEFAULT_NAME);
        return result.policy().orElseThrow(() -> new IllegalStateException("built-in policy does not parse: "
                + result.errors()));
    }

    /** The same policy, read from {@code file}. */
    public Policy withSource(Path file) {
        return new Policy(version, mode, log, clientIp, transport, instrumentation, authentication, rateLimits,
                store, injection, detection, defaults, routes, file == null ? null : file.toAbsolutePath().normalize());
    }

    /**
     * What a route that omits {@code auth} (and a request matching no route) requires: {@code defaults.auth} if
     * set; otherwise {@code authenticated} when any credential is configured (least privilege), else public.
     */
    public AuthRequirement defaultAuth() {
        if (defaults.auth() != null) {
            return defaults.auth();
        }
        return authentication != null && authentication.acceptsCredentials()
                ? AuthRequirement.AUTHENTICATED : AuthRequirement.PUBLIC;
    }

    /** What {@code route} requires; null means no route matched. */
    public AuthRequirement authFor(Route route) {
        return route == null || route.auth() == null ? defaultAuth() : route.auth();
    }

    /** The rate limits that apply to {@code route} (null: no route matched), in the order they are named. */
    public Map<String, RateLimit> rateLimitsFor(Route route) {
        List<String> names = route == null || route.rateLimits() == null ? defaults.rateLimits() : route.rateLimits();
        Map<String, RateLimit> limits = new LinkedHashMap<>();
        for (String name : names) {
            limits.put(name, rateLimits.get(name));
        }
        return Collections.unmodifiableMap(limits);
    }

    /** The top-level mode; block when the file does not say. */
    public Mode defaultMode() {
        return mode == null ? Mode.BLOCK : mode;
    }

    /**
     * The mode a protection runs in for a request on {@code route} (null: no route matched): the route's override,
     * else the protection's own setting, else the top-level mode, else block.
     */
    public Mode effectiveMode(Protection protection, Route route) {
        RouteInjection overrides = route == null ? null : route.injection();
        Mode routeMode = null;
        Mode ownMode = null;
        if (protection == Protection.SQL_INJECTION) {
            routeMode = overrides == null ? null : overrides.sql();
            ownMode = injection.sql();
        } else if (protection == Protection.SHELL_INJECTION) {
            routeMode = overrides == null ? null : overrides.shell();
            ownMode = injection.shell();
        } else if (protection == Protection.DATA_TRANSFER) {
            routeMode = route == null || route.dataTransfer() == null ? null : route.dataTransfer().mode();
            ownMode = defaults.dataTransfer() == null ? null : defaults.dataTransfer().mode();
        }
        if (routeMode != null) {
            return routeMode;
        }
        return ownMode != null ? ownMode : defaultMode();
    }

    /**
     * The data-transfer limits on {@code route} (null: no route matched): the route's fields, each falling back to
     * {@code defaults.dataTransfer}; a settings object that {@link DataTransferSettings#limitsAnything() limits
     * nothing} when neither says anything. Its mode is left as written; ask {@link #effectiveMode} for the mode.
     */
    public DataTransferSettings dataTransferFor(Route route) {
        DataTransferSettings own = route == null ? null : route.dataTransfer();
        DataTransferSettings fallback = defaults.dataTransfer();
        if (own == null) {
            return fallback == null ? DataTransferSettings.NONE : fallback;
        }
        return own.over(fallback);
    }

    /**
     * Spike and anomaly detection only ever reports. Off without a {@code detection} section: it adds a new kind of
     * event, and tools that count one event per refused request (or dashboards built on today's actions) must not
     * see new lines after an agent upgrade unless the policy asks. With the section: its {@code mode} when written
     * ({@code monitor} or {@code off}), else off when the top-level mode is off, else monitor.
     */
    public Mode detectionMode() {
        if (detection == null) {
            return Mode.OFF;
        }
        if (detection.mode() != null) {
            return detection.mode();
        }
        return defaultMode() == Mode.OFF ? Mode.OFF : Mode.MONITOR;
    }

    /** Inputs exempt from injection checks on {@code route}: the global ones, then the route's. */
    public List<InputRef> injectionAllowFor(Route route) {
        // asked at every sink: no copies unless both lists have entries
        List<InputRef> global = injection.allow();
        List<InputRef> own = route == null || route.injection() == null ? List.of() : route.injection().allow();
        if (own.isEmpty()) {
            return List.copyOf(global);
        }
        if (global.isEmpty()) {
            return List.copyOf(own);
        }
        List<InputRef> allowed = new ArrayList<>(global.size() + own.size());
        allowed.addAll(global);
        allowed.addAll(own);
        return List.copyOf(allowed);
    }

    /** The JWKS file, resolved against the policy file's directory; empty when JWKS is not a file. */
    public Optional<Path> jwksFile() {
        if (authentication == null || authentication.jwt() == null
                || !(authentication.jwt().jwks() instanceof JwksSource.File file)) {
            return Optional.empty();
        }
        Path base = source == null || source.getParent() == null
                ? Path.of("").toAbsolutePath() : source.getParent();
        return Optional.of(file.resolve(base));
    }
}
