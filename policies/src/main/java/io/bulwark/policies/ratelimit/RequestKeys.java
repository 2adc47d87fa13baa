package io.bulwark.policies.ratelimit;

import java.util.function.UnaryOperator;

/**
 * What a request offers to key limits on. Any of them but {@code ip} may be {@code null}: a limit keyed on a value
 * the request lacks (an anonymous request under a {@code subject} limit) falls back to the client IP for that part,
 * so the request is still limited and cannot escape by omitting a header.
 *
 * @param ip       the client IP from {@code ClientIpResolver}
 * @param apiKeyId the id of the authenticated API key as named in the policy, never the key itself
 * @param subject  the authenticated subject ({@code sub} claim)
 * @param route    the matched route's pattern, so that all {@code /orders/{id}} requests share one bucket
 * @param headers  the first value of a request header by (lower-case) name, or {@code null}; read only for
 *                 {@code header:NAME} limits
 */
public record RequestKeys(String ip, String apiKeyId, String subject, String route, UnaryOperator<String> headers) {

    private static final UnaryOperator<String> NO_HEADERS = name -> null;

    public RequestKeys {
        ip = ip == null ? "" : ip;
        headers = headers == null ? NO_HEADERS : headers;
    }

    /** Before authentication: only the client IP and the route are known. */
    public static RequestKeys ofIp(String ip, String route) {
        return new RequestKeys(ip, null, null, route, null);
    }
}
