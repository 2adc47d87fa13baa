package io.bulwark.it;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.TestJars;

/**
 * {@code javax.servlet} 4 on Jetty 12's ee8 environment, run as one shaded jar, on platform threads. The app runs
 * tasks on a fixed thread pool of its own, and its {@code CompletableFuture.supplyAsync} on the common fork/join
 * pool.
 */
class JavaxJettyCompatIT extends CompatSuite {

    @TempDir
    static Path workDir;
    private static DemoProcess app;

    @BeforeAll
    static void start() throws Exception {
        writePolicy(workDir);
        // CompletableFuture runs async tasks on the common fork/join pool only when it has two threads or more, else
        // on a thread per task (as on a two-core machine, and in the other compat apps): this app takes the pool
        app = DemoProcess.start(JvmCommand.jar(workDir, TestJars.javaxApp()).withAgent().jvmArgs(agentJvmArgs(workDir))
            .jvmArgs("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2"));
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
