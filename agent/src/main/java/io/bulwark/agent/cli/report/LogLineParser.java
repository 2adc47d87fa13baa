package io.bulwark.agent.cli.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * Reads the few fields the report needs from one line with Jackson's streaming parser: no tree per line, and every
 * field the report does not need is skipped without building strings for it. The whole line is still tokenised,
 * so a line with trailing garbage or broken JSON anywhere counts as malformed.
 */
final class LogLineParser {

    /** What a line turned out to be. */
    enum Kind {
        /** A Bulwark event: a JSON object with {@code event.action} and a valid {@code @timestamp}. */
        EVENT,
        /** Valid JSON, but not a Bulwark event: another tool's line in the same file. */
        FOREIGN,
        /** Not one JSON value. */
        MALFORMED
    }

    /** Attacker-chosen text is kept only this long: enough to recognise a path, bounded whatever the line holds. */
    static final int MAX_TEXT_CHARS = 1024;

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    Kind parse(byte[] bytes, int offset, int length, LogLine into) {
        into.clear();
        try (JsonParser json = factory.createParser(bytes, offset, length)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return json.currentToken() == null ? Kind.MALFORMED : foreignAfterCheck(json);
            }
            String timestamp = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (name) {
                    case "@timestamp" -> timestamp = text(json, value);
                    case "event" -> readObject(json, value, this::eventField, into);
                    case "rule" -> readObject(json, value, (p, f, v, l) -> {
                        if ("id".equals(f)) {
                            l.ruleId = text(p, v);
                        } else {
                            p.skipChildren();
                        }
                    }, into);
                    case "source" -> readObject(json, value, (p, f, v, l) -> {
                        if ("ip".equals(f)) {
                            l.sourceIp = text(p, v);
                        } else {
                            p.skipChildren();
                        }
                    }, into);
                    case "url" -> readObject(json, value, (p, f, v, l) -> {
                        if ("path".equals(f)) {
                            l.urlPath = text(p, v);
                        } else {
                            p.skipChildren();
                        }
                    }, into);
                    case "http" -> readObject(json, value, this::httpField, into);
                    case "bulwark" -> readObject(json, value, (p, f, v, l) -> {
                        if ("mode".equals(f)) {
                            l.mode = text(p, v);
                        } else if ("count".equals(f) && isWholeNumber(p, v)) {
                            l.count = p.getLongValue();
                        } else {
                            p.skipChildren();
                        }
                    }, into);
                    default -> json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                return Kind.MALFORMED;
            }
            if (into.action == null || timestamp == null) {
                return Kind.FOREIGN;
            }
            into.timestampMillis = Timestamps.parse(timestamp);
            return into.timestampMillis == Timestamps.INVALID ? Kind.FOREIGN : Kind.EVENT;
        } catch (IOException | RuntimeException e) {
            // JsonParseException, bad UTF-8, numbers out of range: whatever it is, the line is not ours to read.
            return Kind.MALFORMED;
        }
    }

    /** Another tool's scalar or array line is valid JSON but no event; still it must be one complete value. */
    private static Kind foreignAfterCheck(JsonParser json) throws IOException {
        json.skipChildren();
        return json.nextToken() == null ? Kind.FOREIGN : Kind.MALFORMED;
    }

    private void eventField(JsonParser p, String field, JsonToken value, LogLine line) throws IOException {
        switch (field) {
            case "id" -> line.id = text(p, value);
            case "kind" -> line.kind = text(p, value);
            case "action" -> line.action = text(p, value);
            case "outcome" -> line.outcome = text(p, value);
            case "reason" -> line.reason = text(p, value);
            default -> p.skipChildren();
        }
    }

    private void httpField(JsonParser p, String field, JsonToken value, LogLine line) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken inner = p.nextToken();
            if ("request".equals(field) && "method".equals(name)) {
                line.method = text(p, inner);
            } else if ("response".equals(field) && "status_code".equals(name) && isWholeNumber(p, inner)) {
                long status = p.getLongValue();
                line.statusCode = status >= 0 && status < 1000 ? (int) status : -1;
            } else {
                p.skipChildren();
            }
        }
    }

    @FunctionalInterface
    private interface FieldReader {
        void read(JsonParser json, String field, JsonToken value, LogLine line) throws IOException;
    }

    private static void readObject(JsonParser json, JsonToken value, FieldReader reader, LogLine line)
            throws IOException {
        if (value != JsonToken.START_OBJECT) {
            json.skipChildren();
            return;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            reader.read(json, field, json.nextToken(), line);
        }
    }

    /** An integer that fits a long: a bigger one is valid JSON, and must not make the line malformed. */
    private static boolean isWholeNumber(JsonParser json, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NUMBER_INT && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
    }

    /** A string value, capped; any other type is skipped and read as absent. */
    private static String text(JsonParser json, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            json.skipChildren();
            return null;
        }
        String text = json.getText();
        return text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
    }
}
