package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.bulwark.it.support.DialectCase;
import io.bulwark.it.support.DialectCase.Leak;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 14 server, unpacked from a Maven artifact and started by this test (one per class), reached
 * through HikariCP: dollar quotes and {@code E''} strings with backslash escapes.
 */
class PostgresDialectIT extends DatabaseDialectContract {

    private EmbeddedPostgres server;

    @Override
    Database database(Path workDir) throws Exception {
        long started = System.nanoTime();
        server = EmbeddedPostgres.builder().start();
        System.out.printf("PostgreSQL started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(server.getPort()).isPositive();
        return new Database("jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres", "postgres", "postgres");
    }

    @Override
    void stopDatabase() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    String expectedDialect() {
        return "postgresql";
    }

    @Override
    List<DialectCase> dialectCases() {
        return List.of(
            DialectCase.attack("concat", "x' UNION SELECT secret FROM secrets WHERE secret <> $$'$$ --", Leak.SECRET),
            DialectCase.attack("concat", "x' UNION SELECT secret FROM secrets WHERE secret <> $q$'$q$ --",
                Leak.SECRET),
            DialectCase.attack("concat", "x' UNION SELECT secret FROM secrets WHERE secret <> E'\\'' --",
                Leak.SECRET),
            DialectCase.benign("concat", "E\\x41 $tag$ \\"));
    }
}
