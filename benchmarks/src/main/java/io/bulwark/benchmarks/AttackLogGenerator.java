package io.bulwark.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Writes a large attack log of realistic lines (the agent's field set and sizes: SQL injections with sink text,
 * tokens and call sites; auth denials; folded rate-limit lines; some monitor-mode lines) for timing
 * {@code bulwark-agent.jar report}. JDK only, so {@code report-throughput.sh} runs it as a source file.
 *
 * <pre>java benchmarks/src/main/java/io/bulwark/benchmarks/AttackLogGenerator.java OUT.jsonl SIZE_MB [SEED]</pre>
 */
public final class AttackLogGenerator {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String[] PATHS = {
        "/api/products/search", "/api/orders/17", "/api/login", "/api/tools/ping", "/api/reports/summary",
        "/api/users/42/profile", "/api/products"};
    private static final String[] AGENTS = {"curl/8.5.0", "sqlmap/1.7.2#stable (https://sqlmap.org)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"};

    private AttackLogGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: AttackLogGenerator OUT.jsonl SIZE_MB [SEED]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long target = Long.parseLong(args[1]) * 1024 * 1024;
        Random random = new Random(args.length > 2 ? Long.parseLong(args[2]) : 1);
        long millis = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
        long written = 0;
        long lines = 0;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            StringBuilder line = new StringBuilder(2048);
            while (written < target) {
                millis += random.nextInt(400);
                line.setLength(0);
                line(line, random, millis, lines);
                byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                file.write(bytes);
                written += bytes.length;
                lines++;
            }
        }
        System.out.println(lines + " lines, " + written + " bytes in " + out);
    }

    private static void line(StringBuilder b, Random r, long millis, long n) {
        int kind = r.nextInt(10);
        boolean block = r.nextInt(5) != 0;
        String ip = r.nextInt(3) == 0 ? "203.0.113." + r.nextInt(256)
                : "198.51." + r.nextInt(256) + "." + r.nextInt(256);
        String path = PATHS[r.nextInt(PATHS.length)];
        String action;
        String rule;
        int status;
        if (kind < 5) {
            action = block ? "sql-injection-blocked" : "sql-injection-detected";
            rule = "injection.sql";
            status = 403;
        } else if (kind < 6) {
            action = block ? "shell-injection-blocked" : "shell-injection-detected";
            rule = "injection.shell";
            status = 403;
        } else if (kind < 8) {
            action = "auth-denied";
            rule = "auth.jwt";
            status = 401;
        } else {
            action = "rate-limited";
            rule = "per-ip";
            status = 429;
        }
        b.append("{\"@timestamp\":\"").append(TIMESTAMP.format(Instant.ofEpochMilli(millis)))
                .append("\",\"ecs\":{\"version\":\"8.11.0\"},\"event\":{\"id\":\"")
                .append(String.format("%016x", n * 0x9E3779B97F4A7C15L))
                .append("\",\"kind\":\"alert\",\"category\":[\"intrusion_detection\",\"web\"],\"type\":[\"")
                .append(block ? "denied" : "indicator").append("\"],\"action\":\"").append(action)
                .append("\",\"outcome\":\"").append(block ? "failure" : "unknown")
                .append("\",\"reason\":\"input spans 5 tokens and adds WORD OR\",\"severity\":7},")
                .append("\"rule\":{\"id\":\"").append(rule).append("\",\"name\":\"").append(rule)
                .append("\",\"ruleset\":\"bulwark\"},\"source\":{\"ip\":\"").append(ip)
                .append("\"},\"http\":{\"request\":{\"method\":\"GET\"}");
        if (block) {
            b.append(",\"response\":{\"status_code\":").append(status).append('}');
        }
        b.append("},\"url\":{\"path\":\"").append(path)
                .append("\",\"query\":\"q=x%27%20OR%20%271%27%3D%271\"},\"user_agent\":{\"original\":\"")
                .append(AGENTS[r.nextInt(AGENTS.length)]).append("\"},\"bulwark\":{\"mode\":\"")
                .append(block ? "block" : "monitor").append('"');
        if (kind < 6) {
            b.append(",\"input\":{\"source\":\"query\",\"name\":\"q\",\"value\":\"x' OR '1'='1\"},")
                    .append("\"sink\":{\"kind\":\"sql\",\"text\":\"SELECT id, name, category, price, stock FROM ")
                    .append("products WHERE name LIKE ? OR ?=? ORDER BY id\",\"dialect\":\"h2\"},")
                    .append("\"matched\":{\"start\":72,\"end\":84},\"tokens\":[\"STRING:?\",\"WORD:OR\",")
                    .append("\"STRING:?\",\"OPERATOR:=\",\"STRING:?\"],\"call_site\":[")
                    .append("\"io.bulwark.demo.ProductServlet.search(ProductServlet.java:61)\",")
                    .append("\"io.bulwark.demo.ProductServlet.doGet(ProductServlet.java:40)\",")
                    .append("\"jakarta.servlet.http.HttpServlet.service(HttpServlet.java:527)\"]");
        } else if (kind >= 8) {
            b.append(",\"count\":").append(1 + r.nextInt(200)).append(",\"window\":{\"start\":\"")
                    .append(TIMESTAMP.format(Instant.ofEpochMilli(millis))).append("\",\"end\":\"")
                    .append(TIMESTAMP.format(Instant.ofEpochMilli(millis + 1000))).append("\"},\"limit\":\"per-ip\"");
        }
        b.append(",\"policy\":{\"file\":\"/srv/api/bulwark-policy.json\"}}}\n");
    }
}
