package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bulwark.it.support.AttackLog;
import io.bulwark.it.support.CompatApps;
import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.testapps.TomcatApp;

/**
 * No silent gaps: with the servlet and JDBC hooks switched off, the Tomcat app runs unprotected, and the agent says
 * so on stderr and in the attack log, naming the server and the JDBC classes it saw.
 */
class HookGapIT {

    @TempDir
    Path workDir;

    @Test
    void anUnhookedServerAndDriverAreReportedLoudly() {
        PolicyFiles.write(workDir.resolve(PolicyFiles.DEFAULT_NAME),
            "{ \"version\": 1, \"instrumentation\": { \"disabled\": [\"servlet\", \"jdbc\"] } }");
        try (DemoProcess app = DemoProcess.start(CompatApps.command(workDir, TomcatApp.class).withAgent())) {
            // unprotected indeed: the flaw answers
            assertThat(app.http().get("/api/products/search", "q", "' OR '1'='1").statusCode()).isEqualTo(200);
            assertThat(app.jvm().awaitStderrLine(l -> l.contains("WARNING: no servlet entry point was hooked")
                && l.contains("Tomcat (org.apache.catalina.connector.Connector)"), Duration.ofSeconds(20)))
                .as(app.jvm().describe()).isPresent();
            assertThat(app.jvm().awaitStderrLine(l -> l.contains("WARNING: JDBC is in use (")
                && l.contains("org.h2.") && l.contains("SQL injection is NOT blocked"), Duration.ofSeconds(5)))
                .as(app.jvm().describe()).isPresent();
            AttackLog log = app.attackLog();
            assertThat(log.await(e -> log.matching(AttackLog.where("event.action", "instrumentation-gap")).size() == 2,
                Duration.ofSeconds(5))).isPresent();
        }
    }
}
