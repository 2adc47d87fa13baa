package io.bulwark.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
