package io.bulwark.policies.routes;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One rule of a {@link RouteTable}: which methods and paths it covers, and what the caller attached to it.
 *
 * @param methods upper-case HTTP methods; empty means every method
 * @param pattern the path pattern
 * @param payload what a match returns (for the agent: the route's auth, limits, validation)
 */
public record Route<T>(Set<String> methods, RoutePattern pattern, T payload) {

    public Route {
        TreeSet<String> upper = new TreeSet<>();
        for (String method : methods) {
            upper.add(method.toUpperCase(Locale.ROOT));
        }
        methods = Set.copyOf(upper);
    }

    public static <T> Route<T> of(Set<String> methods, String pattern, T payload) {
        return new Route<>(methods, RoutePattern.parse(pattern), payload);
    }

    /**
     * The request method is upper-cased before comparing, and a rule that lists GET also covers HEAD, because
     * {@code HttpServlet} answers HEAD by running {@code doGet}: a GET-only rule that skipped HEAD would let HEAD reach
     * the GET handler under whatever rule comes next.
     */
    boolean coversMethod(String upperMethod) {
        return methods.isEmpty() || methods.contains(upperMethod)
                || (upperMethod.equals("HEAD") && methods.contains("GET"));
    }
}
