package io.bulwark.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's own answers: RFC 9457 {@code application/problem+json} with the event id that the attack log line
 * also carries, so an operator can go from a user's error report to the log line. Never a stack trace, never the
 * app's data, never the offending input.
 */
record ProblemResponse(int status, String type, String title, String detail, String eventId,
                       Map<String, String> headers) {

    static final String CONTENT_TYPE = "application/problem+json";
    private static final JsonFactory JSON = new JsonFactory();

    static ProblemResponse injectionBlocked(String kind, String eventId) {
        return new ProblemResponse(403, "urn:bulwark:problem:" + kind + "-injection", "Forbidden",
                "The request was refused because it tried to change a " + ("sql".equals(kind) ? "database query"
                        : "system command") + ".", eventId, Map.of());
    }

    /** No credentials, or refused ones: {@code wwwAuthenticate} is the RFC 6750 challenge. */
    static ProblemResponse unauthorized(String wwwAuthenticate, String detail, String eventId) {
        return new ProblemResponse(401, "urn:bulwark:problem:unauthorized", "Unauthorized", detail, eventId,
                Map.of("WWW-Authenticate", wwwAuthenticate));
    }

    static ProblemResponse insufficientScope(String wwwAuthenticate, String eventId) {
        return new ProblemResponse(403, "urn:bulwark:problem:insufficient-scope", "Forbidden",
                "The credentials are valid but lack a scope this resource requires.", eventId,
                Map.of("WWW-Authenticate", wwwAuthenticate));
    }

    /** The agent could not check credentials (its key set is unreachable): not the client's fault, so not a 401. */
    static ProblemResponse authenticationUnavailable(String eventId) {
        return new ProblemResponse(503, "urn:bulwark:problem:authentication-unavailable", "Service Unavailable",
                "Credentials cannot be checked right now; try again later.", eventId, Map.of("Retry-After", "30"));
    }

    /**
     * @param headers {@code Retry-After}, {@code RateLimit-Policy} and {@code RateLimit}, as the limiter formatted
     *                them; null values are left out
     */
    static ProblemResponse rateLimited(String retryAfter, String policy, String status, String eventId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", retryAfter);
        if (policy != null) {
            headers.put("RateLimit-Policy", policy);
        }
        if (status != null) {
            headers.put("RateLimit", status);
        }
        return new ProblemResponse(429, "urn:bulwark:problem:rate-limited", "Too Many Requests",
                "Too many requests; retry after the time given in Retry-After.", eventId, headers);
    }

    /**
     * {@code store.onFailure: deny} while the shared store does not answer: the client exceeded nothing, so not a 429
     * (which tells clients and dashboards the caller is over its limit); the server cannot count right now, which is
     * what 503 says. {@code Retry-After} is short: the store is usually back within seconds.
     */
    static ProblemResponse rateLimitStoreUnavailable(String retryAfter, String eventId) {
        return new ProblemResponse(503, "urn:bulwark:problem:rate-limit-unavailable", "Service Unavailable",
                "Request limits cannot be checked right now; retry after the time given in Retry-After.", eventId,
                Map.of("Retry-After", retryAfter));
    }

    /** A client on the brute-force block list, until its block ends. */
    static ProblemResponse clientBlocked(long retryAfterSeconds, String eventId) {
        return new ProblemResponse(429, "urn:bulwark:problem:too-many-failed-attempts", "Too Many Requests",
                "Too many failed authentication attempts; retry after the time given in Retry-After.", eventId,
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** @param reason a constant sentence from the path normaliser, never the path itself */
    static ProblemResponse badPath(String reason, String eventId) {
        return new ProblemResponse(400, "urn:bulwark:problem:invalid-path", "Bad Request",
                "The request path is ambiguous or malformed: " + reason + ".", eventId, Map.of());
    }

    /** The agent failed while checking the request: refused rather than let through unchecked. */
    static ProblemResponse entryFailed() {
        return new ProblemResponse(500, "urn:bulwark:problem:protection-error", "Internal Server Error",
                "The request could not be checked.", null, Map.of());
    }

    byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", type);
            json.writeStringField("title", title);
            json.writeNumberField("status", status);
            json.writeStringField("detail", detail);
            if (eventId != null) {
                json.writeStringField("eventId", eventId);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
