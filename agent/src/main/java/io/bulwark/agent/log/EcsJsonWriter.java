package io.bulwark.agent.log;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes one {@link AttackEvent} as one line of JSON with ECS field names as nested objects
 * ({@code {"event":{"action":...}}}, not {@code {"event.action":...}}): Elastic ingests that form natively and jq
 * paths read naturally. Fields ECS has no name for go under {@code bulwark}.
 *
 * <p>Used by the writer thread only: it reuses one buffer and is not thread-safe.
 */
final class EcsJsonWriter {
    static final String ECS_VERSION = "8.11.0";
    static final String RULESET = "bulwark";

    /**
     * Made on the first event, on the writer thread: the writer is built in premain, where loading Jackson's
     * generator and java.time's pattern formatter would delay the app's start for a log that may never be written.
     */
    private JsonFactory factory;
    /** Kept between lines (reset keeps the array), so the writer allocates no line buffer per event. */
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);

    /** Serialises {@code event} followed by a newline into an internal buffer and returns its length in bytes. */
    int encode(AttackEvent event) throws IOException {
        line.reset();
        if (factory == null) {
            factory = JsonFactory.builder().build();
        }
        try (JsonGenerator json = factory.createGenerator(line, JsonEncoding.UTF8)) {
            write(event, json);
        }
        line.write('\n');
        return line.size();
    }

    /** Copies the line last {@link #encode encoded} to {@code out}. */
    void writeTo(OutputStream out) throws IOException {
        line.writeTo(out);
    }

    static String timestamp(long epochMillis) {
        return Timestamp.FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A holder, so the formatter is built when the first event is written rather than when the writer is. */
    private static final class Timestamp {
        /** Fixed three fraction digits: ISO_INSTANT drops them on whole seconds, and sorting by text would break. */
        static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    }

    private static void write(AttackEvent e, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("@timestamp", timestamp(e.timestampMillis()));
        json.writeObjectFieldStart("ecs");
        json.writeStringField("version", ECS_VERSION);
        json.writeEndObject();

        json.writeObjectFieldStart("event");
        json.writeStringField("id", e.id());
        json.writeStringField("kind", e.kind().ecsName());
        if (!e.categories().isEmpty()) {
            json.writeArrayFieldStart("category");
            for (EventCategory category : e.categories()) {
                json.writeString(category.ecsName());
            }
            json.writeEndArray();
        }
        if (!e.types().isEmpty()) {
            json.writeArrayFieldStart("type");
            for (EventType type : e.types()) {
                json.writeString(type.ecsName());
            }
            json.writeEndArray();
        }
        json.writeStringField("action", e.action());
        json.writeStringField("outcome", e.outcome().ecsName());
        optional(json, "reason", e.reason());
        if (e.severity() >= 0) {
            json.writeNumberField("severity", e.severity());
        }
        json.writeEndObject();

        if (e.ruleId() != null || e.ruleName() != null) {
            json.writeObjectFieldStart("rule");
            optional(json, "id", e.ruleId());
            optional(json, "name", e.ruleName());
            json.writeStringField("ruleset", RULESET);
            json.writeEndObject();
        }
        if (e.sourceIp() != null) {
            json.writeObjectFieldStart("source");
            json.writeStringField("ip", e.sourceIp());
            json.writeEndObject();
        }
        writeHttp(e, json);
        if (e.urlPath() != null || e.urlQuery() != null) {
            json.writeObjectFieldStart("url");
            optional(json, "path", e.urlPath());
            optional(json, "query", e.urlQuery());
            json.writeEndObject();
        }
        single(json, "user", "id", e.userId());
        single(json, "user_agent", "original", e.userAgent());
        single(json, "service", "name", e.serviceName());
        writeBulwark(e, json);
        json.writeEndObject();
    }

    private static void writeHttp(AttackEvent e, JsonGenerator json) throws IOException {
        if (e.httpMethod() == null && e.statusCode() < 0) {
            return;
        }
        json.writeObjectFieldStart("http");
        single(json, "request", "method", e.httpMethod());
        if (e.statusCode() >= 0) {
            json.writeObjectFieldStart("response");
            json.writeNumberField("status_code", e.statusCode());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void writeBulwark(AttackEvent e, JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("bulwark");
        optional(json, "mode", e.mode());
        if (e.inputSource() != null || e.inputName() != null || e.inputValue() != null) {
            json.writeObjectFieldStart("input");
            optional(json, "source", e.inputSource());
            optional(json, "name", e.inputName());
            optional(json, "value", e.inputValue());
            json.writeEndObject();
        }
        if (e.sinkKind() != null || e.sinkText() != null) {
            json.writeObjectFieldStart("sink");
            optional(json, "kind", e.sinkKind());
            optional(json, "text", e.sinkText());
            optional(json, "dialect", e.sinkDialect());
            json.writeEndObject();
        }
        if (e.matchedStart() >= 0) {
            json.writeObjectFieldStart("matched");
            json.writeNumberField("start", e.matchedStart());
            json.writeNumberField("end", e.matchedEnd());
            json.writeEndObject();
        }
        if (!e.tokens().isEmpty()) {
            stringArray(json, "tokens", e.tokens());
        }
        if (!e.callSite().isEmpty()) {
            json.writeArrayFieldStart("call_site");
            for (StackTraceElement frame : e.callSite()) {
                json.writeString(frame(frame));
            }
            json.writeEndArray();
        }
        if (e.count() >= 0) {
            json.writeNumberField("count", e.count());
        }
        if (e.windowStart() != null && e.windowEnd() != null) {
            json.writeObjectFieldStart("window");
            json.writeStringField("start", timestamp(e.windowStart().toEpochMilli()));
            json.writeStringField("end", timestamp(e.windowEnd().toEpochMilli()));
            json.writeEndObject();
        }
        single(json, "policy", "file", e.policyFile());
        for (Map.Entry<String, Object> extra : e.extras().entrySet()) {
            json.writeFieldName(extra.getKey());
            value(json, extra.getValue());
        }
        json.writeEndObject();
    }

    /** {@code class.method(File:line)}, without the module prefix that StackTraceElement.toString adds. */
    static String frame(StackTraceElement frame) {
        String file = frame.isNativeMethod() ? "Native Method"
                : frame.getFileName() == null ? "Unknown Source"
                : frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber()
                : frame.getFileName();
        return frame.getClassName() + "." + frame.getMethodName() + "(" + file + ")";
    }

    private static void value(JsonGenerator json, Object value) throws IOException {
        if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Double d) {
            json.writeNumber(d);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Collection<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                value(json, item);
            }
            json.writeEndArray();
        } else {
            json.writeNull();
        }
    }

    private static void stringArray(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void single(JsonGenerator json, String object, String field, String value) throws IOException {
        if (value != null) {
            json.writeObjectFieldStart(object);
            json.writeStringField(field, value);
            json.writeEndObject();
        }
    }

    private static void optional(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }
}
