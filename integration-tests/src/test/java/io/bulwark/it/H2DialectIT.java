package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.DialectCase;
import io.bulwark.it.support.DialectCase.Leak;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.TestJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** H2 2.3 in process, through HikariCP: H2 also reads {@code $$...$$} as a string. */
class H2DialectIT extends DatabaseDialectContract {

    @Override
    Database database(Path workDir) {
        return new Database("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Override
    String expectedDialect() {
        return "h2";
    }

    @Override
    List<DialectCase> dialectCases() {
        return List.of(
            DialectCase.attack("concat", "x' UNION SELECT secret FROM secrets WHERE secret <> $$'$$ --", Leak.SECRET));
    }

    /**
     * In monitor mode nothing stops at the first sink, so this counts every check: one statement through Spring's
     * JdbcTemplate, Hikari's proxy and the driver must be one sink and one event, not one per layer.
     */
    @Test
    void aStatementThroughTemplatePoolAndDriverIsCheckedOnce(@TempDir Path dir) {
        PolicyFiles.write(dir.resolve("bulwark-policy.json"), "{\"version\": 1, \"injection\": {\"sql\": \"monitor\"}}");
        JvmCommand app = JvmCommand.mainClass(dir, List.of(TestJars.demo()), "io.bulwark.dbapp.DatabaseApp")
            .args("--jdbc-url", "jdbc:h2:mem:once;DB_CLOSE_DELAY=-1", "--user", "sa", "--password", "",
                "--pool", "hikari")
            .withAgent();
        try (DemoProcess monitored = DemoProcess.start(app)) {
            for (String how : List.of("template", "concat")) {
                HttpResponse<String> response = monitored.http().get("/items/" + how, "name", "' OR '1'='1");
                assertThat(response.statusCode()).as("monitor lets it through").isEqualTo(200);
                String path = "/items/" + how;
                assertThat(monitored.attackLog().await(AttackLog.where("url.path", path), Duration.ofSeconds(5)))
                    .isPresent();
                monitored.jvm().awaitStderrLine(line -> false, Duration.ofMillis(300));
                assertThat(monitored.attackLog().matching(AttackLog.where("url.path", path)))
                    .as("events for one request to " + path).hasSize(1);
            }
        }
    }
}
