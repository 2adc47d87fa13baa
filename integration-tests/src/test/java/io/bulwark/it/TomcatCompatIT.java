package io.bulwark.it;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import io.bulwark.it.support.CompatApps;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.testapps.TomcatApp;

/** Plain embedded Tomcat 11 on platform threads. */
class TomcatCompatIT extends CompatSuite {

    @TempDir
    static Path workDir;
    private static DemoProcess app;

    @BeforeAll
    static void start() throws Exception {
        writePolicy(workDir);
        app = DemoProcess.start(CompatApps.command(workDir, TomcatApp.class).withAgent().jvmArgs(agentJvmArgs(workDir)));
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
