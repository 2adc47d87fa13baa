package io.bulwark.agent;

import java.util.List;

/**
 * What the entry checks read from a request, as plain values. The servlet request stands behind it in the agent
 * ({@link RequestContext}); a test stands behind it in unit tests, so the order of checks is tested without a container.
 */
interface EntryRequest {

    String method();

    /** The path as the client sent it: percent-encoded, context path included, no query string. */
    String rawPath();

    /** The TCP peer's address as the container reports it. */
    String peerAddress();

    /** The first value of a header, or null. */
    String header(String name);

    /** Every line of a header, in order; empty when absent. */
    List<String> headers(String name);

    /** The raw query string, or null. */
    String queryString();

    /** Whether the connection itself is TLS (the container's {@code isSecure}); proxies' headers not considered. */
    default boolean secure() {
        return false;
    }
}
