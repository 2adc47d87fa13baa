package io.bulwark.agent.cli.report;

import java.util.List;
import java.util.Locale;

/**
 * Server-side SVG bar charts for the HTML page: no script, no library, nothing fetched. Each bar is a {@code <g>}
 * carrying its key and numbers as {@code data-*} attributes, so a test (or a reader's own tooling) can read the
 * chart's numbers from the DOM rather than from pixels. Every text is escaped: keys are paths and addresses from
 * requests.
 */
final class SvgBars {
    static final int WIDTH = 960;
    private static final int ROW_HEIGHT = 24;
    private static final int LABEL_WIDTH = 360;
    private static final int BAR_AREA = 500;
    private static final int LABEL_CHARS = 52;
    static final String BLOCKED_COLOUR = "#c0392b";
    static final String MONITORED_COLOUR = "#e0a030";

    /** One horizontal bar: blocked and monitored parts stacked. */
    record Row(String key, String label, long blocked, long monitored) {
        /** A bar that is not split (sources, routes): one part, drawn in one neutral colour. */
        static Row unsplit(String key, long count) {
            return new Row(key, key, count, 0);
        }

        long total() {
            return blocked + monitored;
        }
    }

    private SvgBars() {
    }

    /** Horizontal bars, one per row, largest first as given. */
    static String horizontal(String id, String title, List<Row> rows, boolean split) {
        long max = 1;
        long total = 0;
        for (Row row : rows) {
            max = Math.max(max, row.total());
            total += row.total();
        }
        int height = Math.max(1, rows.size()) * ROW_HEIGHT + 8;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" data-total=\"").append(total).append("\" data-rows=\"")
                .append(rows.size()).append("\">");
        svg.append("<title>").append(SafeText.html(title)).append("</title>");
        if (rows.isEmpty()) {
            svg.append("<text x=\"4\" y=\"18\" class=\"empty\">none</text>");
        }
        int y = 4;
        for (Row row : rows) {
            double blockedWidth = (double) row.blocked() * BAR_AREA / max;
            double monitoredWidth = (double) row.monitored() * BAR_AREA / max;
            svg.append("<g class=\"bar\" data-key=\"").append(SafeText.html(row.key()))
                    .append("\" data-count=\"").append(row.total()).append('"');
            if (split) {
                svg.append(" data-blocked=\"").append(row.blocked()).append("\" data-monitored=\"")
                        .append(row.monitored()).append('"');
            }
            svg.append('>');
            svg.append("<title>").append(SafeText.html(row.label())).append(": ").append(row.total())
                    .append("</title>");
            svg.append("<text x=\"4\" y=\"").append(y + 16).append("\">")
                    .append(SafeText.html(SafeText.fit(row.label(), LABEL_CHARS))).append("</text>");
            rect(svg, LABEL_WIDTH, y + 3, blockedWidth, ROW_HEIGHT - 6, split ? BLOCKED_COLOUR : "#34609a");
            rect(svg, LABEL_WIDTH + blockedWidth, y + 3, monitoredWidth, ROW_HEIGHT - 6, MONITORED_COLOUR);
            svg.append("<text class=\"num\" x=\"").append(num(LABEL_WIDTH + blockedWidth + monitoredWidth + 6))
                    .append("\" y=\"").append(y + 16).append("\">").append(row.total()).append("</text>");
            svg.append("</g>");
            y += ROW_HEIGHT;
        }
        return svg.append("</svg>").toString();
    }

    /** Columns over time, blocked below monitored. */
    static String timeline(String id, List<Timeline.Bucket> buckets) {
        int height = 240;
        int left = 56;
        int top = 12;
        int plotHeight = 180;
        int plotWidth = WIDTH - left - 12;
        long max = 1;
        long total = 0;
        for (Timeline.Bucket b : buckets) {
            max = Math.max(max, b.total());
            total += b.total();
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" data-total=\"").append(total).append("\" data-bucket-seconds=\"")
                .append(buckets.isEmpty() ? 0 : buckets.get(0).widthMillis() / 1000).append("\">");
        svg.append("<title>Attacks over time</title>");
        svg.append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(top + plotHeight)
                .append("\" x2=\"").append(left + plotWidth).append("\" y2=\"").append(top + plotHeight)
                .append("\"/>");
        svg.append("<text class=\"num\" x=\"4\" y=\"").append(top + 10).append("\">").append(max).append("</text>");
        svg.append("<text class=\"num\" x=\"4\" y=\"").append(top + plotHeight).append("\">0</text>");
        if (buckets.isEmpty()) {
            svg.append("<text x=\"").append(left + 8).append("\" y=\"").append(top + 40)
                    .append("\" class=\"empty\">no attacks</text>");
        }
        double barWidth = buckets.isEmpty() ? 0 : (double) plotWidth / buckets.size();
        for (int i = 0; i < buckets.size(); i++) {
            Timeline.Bucket b = buckets.get(i);
            double x = left + i * barWidth;
            double blockedHeight = (double) b.blocked() * plotHeight / max;
            double monitoredHeight = (double) b.monitored() * plotHeight / max;
            String label = Timestamps.label(b.startMillis(), b.widthMillis());
            svg.append("<g class=\"bucket\" data-start=\"").append(Timestamps.format(b.startMillis()))
                    .append("\" data-count=\"").append(b.total()).append("\" data-blocked=\"").append(b.blocked())
                    .append("\" data-monitored=\"").append(b.monitored()).append("\">");
            svg.append("<title>").append(label).append(" UTC: ").append(b.total()).append(" (")
                    .append(b.blocked()).append(" blocked, ").append(b.monitored()).append(" monitored)</title>");
            double w = Math.max(1, barWidth - 1);
            rect(svg, x, top + plotHeight - blockedHeight, w, blockedHeight, BLOCKED_COLOUR);
            rect(svg, x, top + plotHeight - blockedHeight - monitoredHeight, w, monitoredHeight, MONITORED_COLOUR);
            svg.append("</g>");
        }
        if (!buckets.isEmpty()) {
            Timeline.Bucket first = buckets.get(0);
            Timeline.Bucket last = buckets.get(buckets.size() - 1);
            svg.append("<text x=\"").append(left).append("\" y=\"").append(top + plotHeight + 18).append("\">")
                    .append(Timestamps.label(first.startMillis(), first.widthMillis())).append("</text>");
            svg.append("<text text-anchor=\"end\" x=\"").append(left + plotWidth).append("\" y=\"")
                    .append(top + plotHeight + 18).append("\">")
                    .append(Timestamps.label(last.startMillis(), last.widthMillis())).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static void rect(StringBuilder svg, double x, double y, double w, double h, String fill) {
        if (w <= 0 || h <= 0) {
            return;
        }
        svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(w)).append("\" height=\"").append(num(h)).append("\" fill=\"").append(fill)
                .append("\"/>");
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
