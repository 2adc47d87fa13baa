package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bulwark.it.support.DemoAttacks;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.Http;
import io.bulwark.it.support.JvmCommand;

/**
 * The demo without the agent: it serves, and its flaws really are exploitable. Without this, a test that sees an
 * attack "blocked" under the agent could be seeing an attack that never worked.
 */
class DemoWithoutAgentIT {

    private static final int SEEDED_PRODUCTS = 8;

    @TempDir
    static Path workDir;

    private static DemoProcess demo;

    @BeforeAll
    static void startDemo() {
        demo = DemoProcess.start(JvmCommand.demo(workDir));
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void healthAnswersOk() {
        HttpResponse<String> response = demo.http().get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.mediaType(response)).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void listsFindsAndSearchesProducts() {
        JsonNode all = Http.json(demo.http().get("/api/products"));
        JsonNode one = Http.json(demo.http().get("/api/products/3"));
        JsonNode found = Http.json(demo.http().get("/api/products/search", "q", "Mouse"));
        JsonNode byName = Http.json(demo.http().get("/api/products", "sort", "name"));

        assertThat(all).hasSize(SEEDED_PRODUCTS);
        assertThat(one.get("name").asText()).isEqualTo("USB-C Hub");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("name").asText()).isEqualTo("Wireless Mouse");
        assertThat(byName.get(0).get("name").asText()).isEqualTo("27-inch Monitor");
        assertThat(demo.http().get("/api/products/999").statusCode()).isEqualTo(404);
        assertThat(demo.http().get("/api/products/abc").statusCode()).isEqualTo(400);
    }

    @Test
    void createsReadsUpdatesAndDeletesAnOrder() {
        HttpResponse<String> created =
            demo.http().postJson("/api/orders", "{\"customer\":\"dave\",\"productId\":3,\"quantity\":2}");
        String location = created.headers().firstValue("Location").orElseThrow();

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(Http.json(demo.http().get(location)).get("customer").asText()).isEqualTo("dave");

        HttpResponse<String> updated = demo.http().putJson(location, "{\"quantity\":5,\"status\":\"SHIPPED\"}");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(Http.json(updated).get("quantity").asInt()).isEqualTo(5);

        assertThat(demo.http().delete(location).statusCode()).isEqualTo(204);
        assertThat(demo.http().get(location).statusCode()).isEqualTo(404);
        assertThat(demo.http().get("/api/orders/1").statusCode()).isEqualTo(200);
    }

    @Test
    void logsInWithTheRightPasswordOnly() {
        HttpResponse<String> good = login("alice", "alice-demo-password");
        HttpResponse<String> bad = login("alice", "wrong");

        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(Http.json(good).get("role").asText()).isEqualTo("customer");
        assertThat(bad.statusCode()).isEqualTo(401);
    }

    @Test
    void runsItsToolsAndReport() {
        HttpResponse<String> ping = demo.http().get("/api/tools/ping", "host", "example.org");
        HttpResponse<String> files = demo.http().get("/api/tools/files", "dir", workDir.toString());
        JsonNode summary = Http.json(demo.http().get("/api/reports/summary"));

        assertThat(ping.body()).isEqualTo("PING example.org\n");
        assertThat(files.statusCode()).isEqualTo(200);
        assertThat(summary.get("products").asInt()).isEqualTo(SEEDED_PRODUCTS);
        assertThat(summary.get("apiKeys").asInt()).isEqualTo(2);
    }

    @Test
    void searchTautologiesReturnEveryProduct() {
        JsonNode classic = Http.json(demo.http().get("/api/products/search", "q", DemoAttacks.SEARCH_TAUTOLOGY));
        JsonNode nothing = Http.json(demo.http().get("/api/products/search", "q", "nomatch"));
        JsonNode injected =
            Http.json(demo.http().get("/api/products/search", "q", DemoAttacks.SEARCH_COMMENT_TAUTOLOGY));

        assertThat(classic).hasSize(SEEDED_PRODUCTS);
        assertThat(nothing).isEmpty();
        assertThat(injected).hasSize(SEEDED_PRODUCTS);
    }

    @Test
    void searchUnionLeaksTheSecrets() {
        HttpResponse<String> response =
            demo.http().get("/api/products/search", "q", DemoAttacks.SEARCH_UNION_SECRETS);

        assertThat(response.body()).contains("demo-secret-7f3a9c", "demo-secret-41be02");
    }

    @Test
    void orderIdTautologyReturnsAnOrderThatDoesNotExist() {
        assertThat(demo.http().get("/api/orders/0").statusCode()).isEqualTo(404);

        HttpResponse<String> response =
            demo.http().get("/api/orders/" + Http.segment(DemoAttacks.ORDER_ID_TAUTOLOGY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("id").asLong()).isPositive();
    }

    @Test
    void sortOracleRevealsWhetherSecretsExist() {
        JsonNode sorted = Http.json(demo.http().get("/api/products", "sort", DemoAttacks.SORT_ORACLE));

        assertThat(sorted.get(0).get("id").asInt()).isEqualTo(SEEDED_PRODUCTS);
    }

    @Test
    void loginBypassLogsInAsAdminWithoutThePassword() {
        HttpResponse<String> response = login(DemoAttacks.LOGIN_BYPASS_USER, "not-the-password");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).get("role").asText()).isEqualTo("admin");
    }

    @Test
    void pingRunsAnInjectedCommand() {
        Path marker = workDir.resolve("ping-marker");

        HttpResponse<String> response = demo.http().get("/api/tools/ping", "host", DemoAttacks.pingTouch(marker));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(marker).exists();
    }

    @Test
    void fileListingTakesAnInjectedOption() {
        JsonNode plain = Http.json(demo.http().get("/api/tools/files", "dir", workDir.toString()));
        JsonNode withOption = Http.json(demo.http().get("/api/tools/files", "dir", "-a"));

        assertThat(plain.get("files").toString()).doesNotContain("\"..\"");
        assertThat(withOption.get("files").toString()).contains("\"..\"");
    }

    @Test
    void customerEndpointsServeTheirOwnData() {
        JsonNode some = Http.json(demo.http().get("/api/customers", "ids", "1,3"));
        JsonNode current = Http.json(demo.http().send(
            demo.http().request("/api/customers/current").header("X-Customer-Id", "2").GET()));
        JsonNode remembered = Http.json(demo.http().send(
            demo.http().request("/api/customers/remembered").header("Cookie", "customer=carol").GET()));

        assertThat(some.findValuesAsText("name")).containsExactly("alice", "carol");
        assertThat(current.get("name").asText()).isEqualTo("bob");
        assertThat(remembered.get("id").asInt()).isEqualTo(3);
    }

    @Test
    void customerIdListTautologyReturnsEveryCustomer() {
        JsonNode all = Http.json(demo.http().get("/api/customers", "ids", "0) OR (1=1"));

        assertThat(all.size()).isEqualTo(3);
    }

    @Test
    void customerHeaderAndCookieTautologiesFindACustomerThatDoesNotExist() {
        HttpResponse<String> byHeader = demo.http().send(
            demo.http().request("/api/customers/current").header("X-Customer-Id", "0 OR 1=1").GET());
        HttpResponse<String> byCookie = demo.http().send(
            demo.http().request("/api/customers/remembered").header("Cookie", "customer=nobody' OR '1'='1").GET());

        assertThat(byHeader.statusCode()).isEqualTo(200);
        assertThat(byCookie.statusCode()).isEqualTo(200);
    }

    @Test
    void quotedShellArgumentsStillRunInjectedCommands() {
        Path single = workDir.resolve("banner-marker");
        Path dbl = workDir.resolve("greet-marker");

        demo.http().get("/api/tools/banner", "text", "'; touch " + single + "; '");
        demo.http().get("/api/tools/greet", "name", "$(touch " + dbl + ")");

        assertThat(single).exists();
        assertThat(dbl).exists();
    }

    @Test
    void searchStackedStatementDropsTheSecretsTable(@TempDir Path ownDir) {
        // A fresh demo: this attack destroys state the other tests read.
        try (DemoProcess fresh = DemoProcess.start(JvmCommand.demo(ownDir))) {
            assertThat(fresh.http().get("/api/reports/summary").statusCode()).isEqualTo(200);

            fresh.http().get("/api/products/search", "q", DemoAttacks.SEARCH_DROP_SECRETS);

            HttpResponse<String> after = fresh.http().get("/api/reports/summary");
            assertThat(after.statusCode()).isEqualTo(500);
            assertThat(Http.json(after).get("error").asText()).contains("SECRETS");
        }
    }

    @Test
    void orderCustomerStackedStatementDropsTheSecretsTable(@TempDir Path ownDir) {
        try (DemoProcess fresh = DemoProcess.start(JvmCommand.demo(ownDir))) {
            fresh.http().postJson("/api/orders", Http.toJson(Map.of(
                "customer", DemoAttacks.ORDER_CUSTOMER_DROP, "productId", 1, "quantity", 1)));

            assertThat(fresh.http().get("/api/reports/summary").statusCode()).isEqualTo(500);
        }
    }

    @Test
    void printsOnlyItsListeningLine() {
        assertThat(demo.stdoutLines()).hasSize(1);
        assertThat(demo.stdoutLines().get(0)).isEqualTo("Demo listening on " + demo.baseUri());
        assertThat(demo.stderrLines()).isEmpty();
        assertThat(Files.exists(workDir.resolve("bulwark-attacks.jsonl"))).isFalse();
    }

    private static HttpResponse<String> login(String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", password);
        return demo.http().postForm("/api/login", form);
    }
}
