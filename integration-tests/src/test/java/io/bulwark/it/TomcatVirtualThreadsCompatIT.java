package io.bulwark.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import io.bulwark.it.support.CompatApps;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.testapps.TomcatApp;

/**
 * The same app with Tomcat serving every request, and running every async task, on virtual threads: the request
 * context (a thread local while a request runs) and the JDBC call-depth guard must hold there too. Runs on a JDK
 * 21+ found on the machine ({@link CompatApps#jdkWithVirtualThreads()}); skipped where there is none.
 */
class TomcatVirtualThreadsCompatIT extends CompatSuite {

    @TempDir
    static Path workDir;
    private static DemoProcess app;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> jdk = CompatApps.jdkWithVirtualThreads();
        assumeTrue(jdk.isPresent(), "no JDK 21+ on this machine");
        writePolicy(workDir);
        app = DemoProcess.start(CompatApps.command(workDir, TomcatApp.class).javaHome(jdk.get()).withAgent()
            .jvmArgs(agentJvmArgs(workDir)).args("--virtual-threads"));
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

    @Override
    boolean virtualThreads() {
        return true;
    }
}
