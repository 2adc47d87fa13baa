package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.bulwark.it.support.DemoAttacks;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.Http;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.TestJars;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The agent on JDK 25 (the newest class-file version Byte Buddy must read and write): one smoke run per app and
 * driver, not the whole suite twice. Each app under the agent answers a benign request, blocks an attack, and
 * prints nothing on stderr but the banner. Skipped where no JDK 25 is installed ({@code -Dbulwark.jdk25.home=}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Jdk25SmokeIT {

    private static final Path JDK25 = Path.of(
        System.getProperty("bulwark.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    private EmbeddedPostgres postgres;

    @BeforeAll
    void requireJdk25() {
        assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")), "no JDK 25 at " + JDK25);
    }

    @AfterAll
    void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void demoOnJetty12WithH2AndShell(@TempDir Path dir) {
        PolicyFiles.copyDemoPolicy(dir);
        try (DemoProcess demo = DemoProcess.start(JvmCommand.demo(dir).javaHome(JDK25).withAgent())) {
            assertThat(demo.http().get("/api/products/search", "q", "Lamp").statusCode()).isEqualTo(200);
            assertThat(demo.http().get("/api/products/search", "q", DemoAttacks.SEARCH_TAUTOLOGY).statusCode())
                .isEqualTo(403);
            assertThat(demo.http().get("/api/tools/ping", "host", "127.0.0.1; id").statusCode()).isEqualTo(403);
            assertOnlyBanner(demo);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "hsqldb", "sqlite", "postgresql"})
    void databaseAppThroughHikari(String database, @TempDir Path dir) throws Exception {
        PolicyFiles.copyDemoPolicy(dir);
        List<String> db = switch (database) {
            case "h2" -> List.of("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1", "sa", "");
            case "hsqldb" -> List.of("jdbc:hsqldb:mem:shop", "SA", "");
            case "sqlite" -> List.of("jdbc:sqlite:" + dir.resolve("shop.db"), "", "");
            default -> List.of("jdbc:postgresql://127.0.0.1:" + postgres().getPort() + "/postgres", "postgres",
                "postgres");
        };
        JvmCommand command = JvmCommand.mainClass(dir, List.of(TestJars.demo()), "io.bulwark.dbapp.DatabaseApp")
            .javaHome(JDK25).withAgent()
            // The xerial driver loads its native library with System::load, which JDK 24+ warns about on its own
            // (JEP 472); an app using it passes this flag with or without the agent.
            .jvmArgs("sqlite".equals(database) ? "--enable-native-access=ALL-UNNAMED" : "-Dno.flag=true")
            .args("--jdbc-url", db.get(0), "--user", db.get(1), "--password", db.get(2), "--pool", "hikari");
        try (DemoProcess app = DemoProcess.start(command)) {
            HttpResponse<String> benign = app.http().get("/items/concat", "name", "Webcam");
            assertThat(benign.statusCode()).as(benign.body()).isEqualTo(200);
            assertThat(Http.json(benign)).hasSize(1);
            assertThat(app.http().get("/items/concat", "name", "' OR '1'='1").statusCode()).isEqualTo(403);
            assertThat(app.http().get("/items/template", "name", "' OR '1'='1").statusCode()).isEqualTo(403);
            assertOnlyBanner(app);
        }
    }

    private EmbeddedPostgres postgres() throws Exception {
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder().start();
        }
        return postgres;
    }

    private static void assertOnlyBanner(DemoProcess app) {
        assertThat(app.stderrLines()).as("the app's stderr on JDK 25").singleElement().asString()
            .startsWith("[bulwark] Bulwark ");
    }
}
