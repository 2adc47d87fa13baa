package io.bulwark.agent.cli.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** The summary as one JSON object, for scripts: the same numbers as the terminal summary, nothing more. */
final class JsonReport {
    private final LogSummary s;
    private final int top;

    JsonReport(LogSummary summary, int top) {
        this.s = summary;
        this.top = top;
    }

    void write(OutputStream out) throws IOException {
        try (JsonGenerator json = JsonFactory.builder().build().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            // Log text is attacker-chosen: escaping all non-ASCII keeps C1 controls and bidi overrides off the terminal.
            json.enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeArrayFieldStart("files");
            for (String file : s.files) {
                json.writeString(file);
            }
            json.writeEndArray();
            json.writeNumberField("lines", s.lines);
            json.writeNumberField("events", s.events);
            json.writeObjectFieldStart("skipped");
            json.writeNumberField("malformed", s.malformed);
            json.writeNumberField("oversized", s.oversized);
            json.writeNumberField("foreign", s.foreign);
            json.writeEndObject();
            json.writeObjectFieldStart("attacks");
            json.writeNumberField("total", s.attacks);
            json.writeNumberField("blocked", s.blocked);
            json.writeNumberField("monitored", s.monitored);
            if (!s.timeline.isEmpty()) {
                json.writeStringField("first", Timestamps.format(s.timeline.first()));
                json.writeStringField("last", Timestamps.format(s.timeline.last()));
            }
            json.writeEndObject();
            json.writeArrayFieldStart("types");
            for (TypeCounts.Row row : s.types.rows()) {
                json.writeStartObject();
                json.writeStringField("type", row.key);
                json.writeStringField("label", row.label);
                json.writeNumberField("events", row.events());
                json.writeNumberField("blocked", row.blocked);
                json.writeNumberField("monitored", row.monitored);
                json.writeNumberField("requests", row.requests);
                json.writeEndObject();
            }
            json.writeEndArray();
            counts(json, "sources", s.sources);
            counts(json, "routes", s.routes);
            timeline(json);
            latest(json);
            json.writeArrayFieldStart("otherEvents");
            for (CappedCounter.Count row : s.otherEvents.top(LogSummary.MAX_TYPES)) {
                json.writeStartObject();
                json.writeStringField("action", row.key());
                json.writeNumberField("events", row.count());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private void counts(JsonGenerator json, String name, CappedCounter counter) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeNumberField("distinct", counter.distinct());
        json.writeNumberField("folded", counter.folded());
        json.writeArrayFieldStart("top");
        for (CappedCounter.Count row : counter.top(top)) {
            json.writeStartObject();
            json.writeStringField("key", row.key());
            json.writeNumberField("attacks", row.count());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void timeline(JsonGenerator json) throws IOException {
        List<Timeline.Bucket> buckets = s.timeline.buckets(HtmlReport.TIMELINE_BARS);
        json.writeObjectFieldStart("timeline");
        json.writeNumberField("bucketSeconds", buckets.isEmpty() ? 0 : buckets.get(0).widthMillis() / 1000);
        json.writeArrayFieldStart("buckets");
        for (Timeline.Bucket b : buckets) {
            json.writeStartObject();
            json.writeStringField("start", Timestamps.format(b.startMillis()));
            json.writeNumberField("blocked", b.blocked());
            json.writeNumberField("monitored", b.monitored());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void latest(JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("latest");
        for (LatestEvents.Event e : s.latest.newestFirst()) {
            json.writeStartObject();
            json.writeStringField("@timestamp", Timestamps.format(e.timestampMillis()));
            optional(json, "id", e.id());
            json.writeStringField("action", e.action());
            json.writeBooleanField("blocked", e.blocked());
            optional(json, "sourceIp", e.sourceIp());
            optional(json, "method", e.method());
            optional(json, "path", e.urlPath());
            if (e.statusCode() >= 0) {
                json.writeNumberField("status", e.statusCode());
            }
            optional(json, "rule", e.ruleId());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void optional(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }
}
