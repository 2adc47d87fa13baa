package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.agent.log.AttackLog;
import io.bulwark.agent.log.AttackLogSettings;
import io.bulwark.policies.model.Policy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A timed look judges a server without hooked entry points only once the app has stopped loading classes. */
class GapWatchTest {

    private static final String WARNING = "WARNING: no servlet entry point was hooked";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Diagnostics diagnostics = new Diagnostics(new PrintStream(err, true, StandardCharsets.UTF_8));
    private final HookCensus census = new HookCensus();
    private AttackLog log;
    private ActivePolicy policy;

    @BeforeEach
    void serverSeenButNoServletYet() throws Exception {
        census.defined("org.eclipse.jetty.server.Server");
        policy = new ActivePolicy(Policy.builtInDefault());
        log = new AttackLog(AttackLogSettings.of(dir.resolve("attacks.jsonl"), 1 << 20, 1), s -> { }, Clock.systemUTC());
        log.start();
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    private GapWatch watch(LongSupplier nanosSinceLastClass, long... checkAfterMillis) {
        return new GapWatch(census, () -> policy, () -> log, diagnostics, true, true, nanosSinceLastClass,
                checkAfterMillis);
    }

    @Test
    void anAppStillLoadingClassesIsNotJudgedBeforeTheLastLook() throws Exception {
        watch(() -> 0L, 20, 60, 1_500).start();

        TimeUnit.MILLISECONDS.sleep(400);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(WARNING);
        TimeUnit.MILLISECONDS.sleep(2_000);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(WARNING).contains("Jetty");
    }

    @Test
    void aSettledAppIsJudgedAtTheFirstLook() throws Exception {
        watch(() -> GapWatch.SETTLED_NANOS, 20, 60_000).start();

        TimeUnit.MILLISECONDS.sleep(1_000);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(WARNING).contains("Jetty");
    }

    @Test
    void aServletHookedWhileTheAppStartedMeansNoGap() throws Exception {
        census.hooked(new io.bulwark.instrumentation.servlet.ServletServiceInstrumentation(
                io.bulwark.instrumentation.servlet.ServletApi.JAKARTA), "demo.HealthServlet");
        watch(() -> GapWatch.SETTLED_NANOS, 20, 60).start();

        TimeUnit.MILLISECONDS.sleep(600);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("WARNING");
    }
}
