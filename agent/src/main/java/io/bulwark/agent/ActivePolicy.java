package io.bulwark.agent;

import io.bulwark.agent.log.Redactor;
import io.bulwark.policies.injection.InjectionEngine;
import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.InputSource;
import io.bulwark.policies.injection.SqlDialect;
import io.bulwark.policies.model.InputRef;
import io.bulwark.policies.model.Mode;
import io.bulwark.policies.model.Policy;
import io.bulwark.policies.model.Protection;
import io.bulwark.policies.model.Route;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy made ready to answer requests: the parsed model plus the engines built from it. Immutable; a reload
 * builds a new one and swaps it in whole, so a request sees one policy from entry to exit.
 */
final class ActivePolicy {

    private final Policy policy;
    private final InjectionEngine injection;
    private final Redactor redactor;

    ActivePolicy(Policy policy) {
        this.policy = policy;
        this.injection = new InjectionEngine();
        List<String> secretNames = new ArrayList<>();
        if (policy.authentication() != null && policy.authentication().apiKeys() != null) {
            var keys = policy.authentication().apiKeys();
            if (keys.header() != null) {
                secretNames.add(keys.header());
            }
            if (keys.queryParam() != null) {
                secretNames.add(keys.queryParam());
            }
        }
        this.redactor = new Redactor(secretNames, Redactor.DEFAULT_MAX_VALUE_CHARS);
    }

    Policy model() {
        return policy;
    }

    /** The first route whose methods and path match, or null. */
    RouteMatch route(String method, String normalisedPath) {
        List<String> segments = segments(normalisedPath);
        for (Route route : policy.routes()) {
            if (!route.matchesMethod(method)) {
                continue;
            }
            Optional<Map<String, String>> values = route.path().match(segments);
            if (values.isPresent()) {
                return new RouteMatch(route, values.get());
            }
        }
        return RouteMatch.NONE;
    }

    Mode mode(Protection protection, RouteMatch match) {
        return policy.effectiveMode(protection, match.route());
    }

    InjectionEngine injection() {
        return injection;
    }

    SqlDialect dialectOf(String jdbcUrl) {
        return InjectionEngine.dialectOf(jdbcUrl);
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

    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (i > start) {
                    segments.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return segments;
    }

    /** A route and the values of its {@code {name}} segments; {@link #NONE} when no route matched. */
    record RouteMatch(Route route, Map<String, String> pathValues) {
        static final RouteMatch NONE = new RouteMatch(null, Map.of());
    }
}
