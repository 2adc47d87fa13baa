package io.bulwark.it.support;

import java.util.Map;

/**
 * What the demo's database holds, as the demo's own read endpoints show it: two snapshots are equal exactly when no
 * statement changed a table in between (a dropped table, an inserted row, a rewritten email or password).
 */
public final class DemoData {

    private DemoData() {
    }

    public static String snapshot(Http http) {
        return String.join("\n",
            http.get("/api/reports/summary").body(),
            http.get("/api/products").body(),
            http.get("/api/orders").body(),
            http.get("/api/customers").body(),
            // the users table has no read endpoint: a login shows that alice's row and password are untouched
            http.postForm("/api/login", Map.of("username", "alice", "password", "alice-demo-password")).body());
    }
}
