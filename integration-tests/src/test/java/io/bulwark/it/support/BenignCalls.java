package io.bulwark.it.support;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Attack-free traffic against the demo, named, for comparing a run with the agent to one without. Includes near
 * misses an agent must let through: SQL words and a tautology inside a literal, a shell word without operators.
 * (An apostrophe such as O'Brien is no near miss here: the demo concatenates, so it breaks the SQL either way.)
 */
public final class BenignCalls {

    /** What a comparison looks at: not headers such as Date. */
    public record Outcome(int status, String mediaType, String body) {
        public static Outcome of(HttpResponse<String> response) {
            return new Outcome(response.statusCode(), Http.mediaType(response), response.body());
        }
    }

    private BenignCalls() {
    }

    /** Read-only calls; {@code listedDir} is a directory both runs can list with the same result. */
    public static Map<String, Function<Http, HttpResponse<String>>> reads(Path listedDir) {
        Map<String, Function<Http, HttpResponse<String>>> calls = new LinkedHashMap<>();
        calls.put("health", http -> http.get("/health"));
        calls.put("products", http -> http.get("/api/products"));
        calls.put("products sorted by name", http -> http.get("/api/products", "sort", "name"));
        calls.put("product 3", http -> http.get("/api/products/3"));
        calls.put("product missing", http -> http.get("/api/products/999"));
        calls.put("search", http -> http.get("/api/products/search", "q", "Mouse"));
        calls.put("search with a tautology inside the literal",
            http -> http.get("/api/products/search", "q", "1 OR 1=1"));
        calls.put("search with SQL words", http -> http.get("/api/products/search", "q", "select or drop"));
        calls.put("search empty", http -> http.get("/api/products/search", "q", ""));
        calls.put("orders", http -> http.get("/api/orders"));
        calls.put("order 1", http -> http.get("/api/orders/1"));
        calls.put("order missing", http -> http.get("/api/orders/999"));
        calls.put("login ok", http -> http.postForm("/api/login", form("alice", "alice-demo-password")));
        calls.put("login wrong password", http -> http.postForm("/api/login", form("alice", "wrong")));
        calls.put("summary", http -> http.get("/api/reports/summary"));
        calls.put("ping", http -> http.get("/api/tools/ping", "host", "example.org"));
        calls.put("ping with shell word", http -> http.get("/api/tools/ping", "host", "echo"));
        calls.put("files", http -> http.get("/api/tools/files", "dir", listedDir.toString()));
        return calls;
    }

    /** A create, update, read, delete sequence; run it against a fresh demo so that ids match across runs. */
    public static List<Function<Http, HttpResponse<String>>> writes() {
        return List.of(
            http -> http.postJson("/api/orders", "{\"customer\":\"dave\",\"productId\":3,\"quantity\":2}"),
            http -> http.postJson("/api/orders", "{\"customer\":\"select drop\",\"productId\":2,\"quantity\":1}"),
            http -> http.putJson("/api/orders/5", "{\"quantity\":4,\"status\":\"SHIPPED\"}"),
            http -> http.get("/api/orders/5"),
            http -> http.delete("/api/orders/6"),
            http -> http.get("/api/orders"),
            http -> http.get("/api/reports/summary"));
    }

    private static Map<String, String> form(String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", password);
        return form;
    }
}
