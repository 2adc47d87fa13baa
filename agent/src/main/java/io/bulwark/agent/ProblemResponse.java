package io.bulwark.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.bulwark.policies.validation.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's own answers: RFC 9457 {@code application/problem+json} with the event id that the attack log line
 * also carries, so an operator can go from a user's error report to the log line. Never a stack trace, never the
 * app's data, never the offending input.
 */
record ProblemResponse(int status, String type, String title, String detail, String eventId,
                       Map<String, String> headers, List<Violation> violations) {

    static final String CONTENT_TYPE = "application/problem+json";
    private static final JsonFactory JSON = new JsonFactory();

    ProblemResponse {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    ProblemResponse(int status, String type, String title, String detail, String eventId,
                    Map<String, String> headers) {
        this(status, type, title, detail, eventId, headers, List.of());
    }

    /**
     * Input that breaks the route's {@code validate} rules: 400, or 413 / 415 for the body's size or type
     * ({@link Violation#httpStatus}). Lists every violation; a bad value appears only as the engine's short, escaped
     * prefix, and never for a credential.
     */
    static ProblemResponse invalidInput(List<Violation> violations, String eventId) {
        int status = Violation.httpStatus(violations);
        String title = status == 413 ? "Content Too Large" : status == 415 ? "Unsupported Media Type" : "Bad Request";
        String detail = status == 413 ? "The request body is larger than this resource accepts."
                : status == 415 ? "The request body's content type is not accepted here."
                : "The request does not meet this resource's input rules.";
        return new ProblemResponse(status, "urn:bulwark:problem:invalid-input", title, detail, eventId, Map.of(),
                violations);
    }

    /** Plain HTTP where the policy requires HTTPS. */
    static ProblemResponse httpsRequired(String eventId) {
        return new ProblemResponse(403, "urn:bulwark:problem:https-required", "Forbidden",
                "This service accepts requests over HTTPS only.", eventId, Map.of());
    }

    /** A plain-HTTP GET or HEAD sent to its HTTPS address, where the policy asks for redirects. */
    static ProblemResponse redirectToHttps(String location, String eventId) {
        return new ProblemResponse(301, "urn:bulwark:problem:https-required", "Moved Permanently",
                "This service accepts requests over HTTPS only.", eventId, Map.of("Location", location));
    }

    static ProblemResponse injectionBlocked(String kind, String eventId) {
        return new ProblemResponse(403, "urn:bulwark:problem:" + kind + "-injection", "Forbidden",
                "The request was refused because it tried to change a " + ("sql".equals(kind) ? "database query"
                        : "system command") + ".", eventId, Map.of());
    }

    /** A body larger than {@code injection.maxScanBytes} on a policy with {@code oversize: reject}. */
    static ProblemResponse bodyTooLarge(String eventId) {
        return new ProblemResponse(413, "urn:bulwark:problem:body-too-large", "Content Too Large",
                "The request body is larger than this API inspects.", eventId, Map.of());
    }

    /** The answer for a request a sink blocked, by the block's kind. */
    static ProblemResponse forBlock(String kind, String eventId) {
        return BODY_TOO_LARGE.equals(kind) ? bodyTooLarge(eventId) : injectionBlocked(kind, eventId);
    }

    static final String BODY_TOO_LARGE = "body-too-large";

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
            if (!violations.isEmpty()) {
                json.writeArrayFieldStart("violations");
                for (Violation violation : violations) {
                    json.writeStartObject();
                    json.writeStringField("source", violation.source());
                    json.writeStringField("name", violation.name());
                    json.writeStringField("rule", violation.rule());
                    json.writeStringField("message", violation.message());
                    if (violation.valuePrefix() != null) {
                        json.writeStringField("value", violation.valuePrefix());
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
