package io.bulwark.it;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.TestJars;

/**
 * Spring Boot 3.5 (embedded Tomcat 10.1, {@code JdbcTemplate}, HikariCP, H2) run as Boot's runnable jar, on
 * platform threads. Its MVC {@code Callable}s and submitted tasks run on Spring's task executor.
 */
class SpringBootCompatIT extends CompatSuite {

    @TempDir
    static Path workDir;
    private static DemoProcess app;

    @BeforeAll
    static void start() throws Exception {
        writePolicy(workDir);
        app = DemoProcess.start(JvmCommand.jar(workDir, TestJars.springBootApp()).withAgent()
            .jvmArgs(agentJvmArgs(workDir)));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Override
    DemoProcess app() {
        return app;
    }

    @Override
    boolean appExecutors() {
        return true;
    }
}
