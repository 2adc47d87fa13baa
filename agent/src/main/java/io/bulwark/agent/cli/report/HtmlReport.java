package io.bulwark.agent.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One self-contained HTML page: inline CSS, inline SVG charts drawn here, no script and nothing fetched, so it opens
 * from a mail attachment or an air-gapped host alike. Its Content-Security-Policy forbids scripts and every fetch:
 * should escaping ever miss, injected markup still cannot run or phone home.
 */
final class HtmlReport {
    static final int TIMELINE_BARS = 96;

    private static final String CSS = """
            body{font:14px/1.4 system-ui,sans-serif;margin:24px auto;max-width:1000px;color:#222}
            h1{font-size:22px}h2{font-size:17px;margin-top:28px}
            dl{display:flex;flex-wrap:wrap;gap:12px}dl div{border:1px solid #ddd;border-radius:6px;padding:8px 14px}
            dt{font-size:12px;color:#666}dd{margin:0;font-size:20px;font-weight:600}
            .chart text{font-size:12px;fill:#222}.chart .num{fill:#555}.axis{stroke:#999}
            .legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}
            table{border-collapse:collapse;width:100%;font-size:12px}
            th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
            td.path{word-break:break-all;font-family:ui-monospace,monospace}
            .files{color:#666;font-size:12px;word-break:break-all}
            """;

    private final LogSummary s;
    private final int top;

    HtmlReport(LogSummary summary, int top) {
        this.s = summary;
        this.top = top;
    }

    String render() {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\">")
                .append("<title>Bulwark attack report</title><style>").append(CSS).append("</style></head>\n<body>");
        html.append("<h1>Bulwark attack report</h1>");
        html.append("<p class=\"files\">").append(s.files.size()).append(" file(s): ")
                .append(SafeText.html(String.join(", ", s.files)));
        if (!s.timeline.isEmpty()) {
            html.append("<br>attacks from ").append(Timestamps.format(s.timeline.first())).append(" to ")
                    .append(Timestamps.format(s.timeline.last()));
        }
        html.append("</p>\n");
        totals(html);
        html.append("<h2>Attacks over time</h2><p class=\"legend\"><span style=\"background:")
                .append(SvgBars.BLOCKED_COLOUR).append("\"></span>blocked<span style=\"background:")
                .append(SvgBars.MONITORED_COLOUR).append("\"></span>monitored</p>\n")
                .append(SvgBars.timeline("chart-timeline", s.timeline.buckets(TIMELINE_BARS))).append('\n');
        List<SvgBars.Row> types = new ArrayList<>();
        for (TypeCounts.Row row : s.types.rows()) {
            types.add(new SvgBars.Row(row.key, row.label, row.blocked, row.monitored));
        }
        html.append("<h2>Attacks by type</h2>\n")
                .append(SvgBars.horizontal("chart-types", "Attacks by type", types, true)).append('\n');
        counts(html, "chart-sources", "Top sources", s.sources, "addresses");
        counts(html, "chart-routes", "Top routes", s.routes, "paths");
        latest(html);
        return html.append("</body></html>\n").toString();
    }

    private void totals(StringBuilder html) {
        html.append("<dl id=\"totals\">");
        total(html, "attacks", "Attacks", s.attacks);
        total(html, "blocked", "Blocked", s.blocked);
        total(html, "monitored", "Monitored", s.monitored);
        total(html, "events", "Bulwark events", s.events);
        total(html, "lines", "Lines read", s.lines);
        total(html, "malformed", "Malformed lines", s.malformed);
        total(html, "foreign", "Other tools' lines", s.foreign);
        html.append("</dl>\n");
    }

    private static void total(StringBuilder html, String field, String label, long value) {
        html.append("<div><dt>").append(label).append("</dt><dd data-field=\"").append(field).append("\">")
                .append(value).append("</dd></div>");
    }

    private void counts(StringBuilder html, String id, String title, CappedCounter counter, String what) {
        List<SvgBars.Row> rows = new ArrayList<>();
        for (CappedCounter.Count count : counter.top(top)) {
            rows.add(SvgBars.Row.unsplit(count.key(), count.count()));
        }
        html.append("<h2>").append(title).append("</h2>\n")
                .append(SvgBars.horizontal(id, title, rows, false)).append('\n');
        int more = counter.distinct() - rows.size();
        if (more > 0 || counter.folded() > 0) {
            html.append("<p class=\"files\">");
            if (more > 0) {
                html.append(more).append(" more ").append(what).append(". ");
            }
            if (counter.folded() > 0) {
                html.append(counter.folded()).append(" attacks from ").append(what).append(" beyond the first ")
                        .append(LogSummary.MAX_KEYS).append(", not told apart.");
            }
            html.append("</p>\n");
        }
    }

    private void latest(StringBuilder html) {
        html.append("<h2>Latest attacks</h2>\n<table id=\"latest\"><thead><tr><th>time (UTC)</th><th>action</th>")
                .append("<th>outcome</th><th>source</th><th>request</th><th>status</th><th>rule</th>")
                .append("<th>event id</th></tr></thead><tbody>");
        for (LatestEvents.Event e : s.latest.newestFirst()) {
            html.append("<tr data-event-id=\"").append(SafeText.html(e.id())).append("\" data-action=\"")
                    .append(SafeText.html(e.action())).append("\">");
            cell(html, Timestamps.format(e.timestampMillis()), null);
            cell(html, e.action(), null);
            cell(html, e.blocked() ? "blocked" : "monitored", null);
            cell(html, e.sourceIp(), null);
            cell(html, (e.method() == null ? "" : e.method() + " ") + (e.urlPath() == null ? "" : e.urlPath()),
                    "path");
            cell(html, e.statusCode() >= 0 ? Integer.toString(e.statusCode()) : "", null);
            cell(html, e.ruleId(), null);
            cell(html, e.id(), null);
            html.append("</tr>");
        }
        html.append("</tbody></table>\n");
    }

    private static void cell(StringBuilder html, String text, String cssClass) {
        html.append(cssClass == null ? "<td>" : "<td class=\"" + cssClass + "\">").append(SafeText.html(text))
                .append("</td>");
    }
}
