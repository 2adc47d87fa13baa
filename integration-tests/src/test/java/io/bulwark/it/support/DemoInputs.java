package io.bulwark.it.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo's injectable inputs, one factory per endpoint and input source, each building the request that carries a
 * value there. Which characters an input can carry unchanged is the transport's business (Jetty refuses encoded
 * slashes and control characters in paths; HTTP trims header values; cookies end at {@code ;} and {@code ,}), so
 * each source says what it can carry and the routing never sends a value that would arrive altered.
 */
public final class DemoInputs {

    /** The customer whose email the UPDATE probes rewrite; seeded by the demo. */
    public static final int EMAIL_CUSTOMER = 3;
    /** The order whose status the prepared (bound) probes rewrite; seeded by the demo. */
    public static final int BOUND_ORDER = 1;

    private DemoInputs() {
    }

    // ---- SQL ----

    /** {@code ... WHERE id = <v>} via the path of {@code GET /api/orders/{id}} (segment 2 of the request URI). */
    public static Probe orderIdPath(String v) {
        return new Probe("GET /api/orders/{id}", "path", "2", v, http -> http.get("/api/orders/" + Http.segment(v)));
    }

    /** {@code ... WHERE id = <v>} via the {@code X-Customer-Id} header of {@code GET /api/customers/current}. */
    public static Probe customerIdHeader(String v) {
        return new Probe("GET /api/customers/current", "header", "X-Customer-Id", v,
            http -> http.send(http.request("/api/customers/current").header("X-Customer-Id", v).GET()));
    }

    /** {@code ... WHERE id IN (<v>)} via query {@code ids} of {@code GET /api/customers}. */
    public static Probe customerIdsQuery(String v) {
        return new Probe("GET /api/customers", "query", "ids", v, http -> http.get("/api/customers", "ids", v));
    }

    /** {@code ... WHERE name LIKE '%<v>%'} via query {@code q} of {@code GET /api/products/search}. */
    public static Probe searchQuery(String v) {
        return new Probe("GET /api/products/search", "query", "q", v,
            http -> http.get("/api/products/search", "q", v));
    }

    /** {@code ... ORDER BY <v>} via query {@code sort} of {@code GET /api/products}. */
    public static Probe sortQuery(String v) {
        return new Probe("GET /api/products", "query", "sort", v, http -> http.get("/api/products", "sort", v));
    }

    /** {@code ... WHERE username='<v>' AND password='...'} via form field {@code username} of {@code POST /api/login}. */
    public static Probe loginForm(String v) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", v);
        form.put("password", "not-the-password");
        return new Probe("POST /api/login", "form", "username", v, http -> http.postForm("/api/login", form));
    }

    /** {@code ... WHERE name = '<v>'} via cookie {@code customer} of {@code GET /api/customers/remembered}. */
    public static Probe customerCookie(String v) {
        return new Probe("GET /api/customers/remembered", "cookie", "customer", v,
            http -> http.send(http.request("/api/customers/remembered").header("Cookie", "customer=" + v).GET()));
    }

    /** {@code INSERT ... VALUES ('<v>', 1, 1, 'NEW')} via JSON {@code customer} of {@code POST /api/orders}. */
    public static Probe orderCustomerJson(String v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer", v);
        body.put("productId", 1);
        body.put("quantity", 1);
        String json = Http.toJson(body);
        return new Probe("POST /api/orders", "json", "$.customer", v, http -> http.postJson("/api/orders", json));
    }

    /** {@code UPDATE customers SET email = '<v>' WHERE id = 3} via form field {@code email}. */
    public static Probe customerEmailForm(String v) {
        String path = "/api/customers/" + EMAIL_CUSTOMER + "/email";
        return new Probe("POST /api/customers/{id}/email", "form", "email", v,
            http -> http.postForm(path, Map.of("email", v)));
    }

    /** A prepared statement's parameter: {@code PUT /api/orders/1} JSON {@code status}. Never in the SQL text. */
    public static Probe boundOrderStatusJson(String v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("quantity", 1);
        body.put("status", v);
        String json = Http.toJson(body);
        return new Probe("PUT /api/orders/{id}", "json", "$.status", v,
            http -> http.putJson("/api/orders/" + BOUND_ORDER, json));
    }

    // ---- commands ----

    /** {@code sh -c "echo PING <v>"} via query {@code host} of {@code GET /api/tools/ping}. */
    public static Probe pingQuery(String v) {
        return new Probe("GET /api/tools/ping", "query", "host", v, http -> http.get("/api/tools/ping", "host", v));
    }

    /** {@code sh -c "echo '<v>'"} via query {@code text} of {@code GET /api/tools/banner}. */
    public static Probe bannerQuery(String v) {
        return new Probe("GET /api/tools/banner", "query", "text", v,
            http -> http.get("/api/tools/banner", "text", v));
    }

    /** {@code sh -c 'echo "<v>"'} via query {@code name} of {@code GET /api/tools/greet}. */
    public static Probe greetQuery(String v) {
        return new Probe("GET /api/tools/greet", "query", "name", v, http -> http.get("/api/tools/greet", "name", v));
    }

    /** argv {@code ls -1 <v>}, no shell, via query {@code dir} of {@code GET /api/tools/files}. */
    public static Probe filesQuery(String v) {
        return new Probe("GET /api/tools/files", "query", "dir", v, http -> http.get("/api/tools/files", "dir", v));
    }

    // ---- what each transport carries unchanged ----

    /** Jetty answers 400 itself for encoded {@code / \ %} and control characters in a path. */
    public static boolean pathCarries(String v) {
        return !v.isEmpty() && v.chars().noneMatch(c -> c == '/' || c == '\\' || c == '%' || c < 0x20 || c == 0x7f);
    }

    /** Printable ASCII without edge whitespace, which HTTP trims from header values. */
    public static boolean headerCarries(String v) {
        return !v.isEmpty() && v.equals(v.strip()) && v.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** As a header, and without the characters that end or invalidate a cookie value. */
    public static boolean cookieCarries(String v) {
        return headerCarries(v) && v.chars().noneMatch(c -> c == ';' || c == ',' || c == '"' || c == '\\');
    }
}
