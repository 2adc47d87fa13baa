package io.bulwark.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.bulwark.it.support.DemoProcess;
import io.bulwark.it.support.JvmCommand;
import io.bulwark.it.support.PolicyFiles;
import io.bulwark.it.support.Sqlmap;

/**
 * sqlmap, the tool attackers actually run, against each injectable SQL input of the demo: without the agent it must
 * find the injection (otherwise the run proves nothing), with the agent it must find none. Detection only, all
 * techniques, {@code --level 3 --risk 2}. The demo policy here has no rate limit: a 429 would fake a pass.
 *
 * <p>The cookie endpoint is left out: sqlmap percent-encodes cookie payloads and the demo does not decode cookies, so
 * sqlmap cannot exploit it even without the agent (the corpus test sends raw cookie attacks instead).
 */
class SqlmapIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration LOG_WAIT = Duration.ofSeconds(30);
    private static final String POLICY = """
        {"version": 1, "mode": "block", "injection": {"sql": "block", "shell": "block"}}
        """;

    @TempDir
    static Path plainDir;
    @TempDir
    static Path guardedDir;

    private static Optional<Sqlmap> sqlmap;
    private static DemoProcess plain;
    private static DemoProcess guarded;
    private static final List<String> report = new ArrayList<>();

    @BeforeAll
    static void startBoth() {
        sqlmap = Sqlmap.installed();
        if (sqlmap.isEmpty()) {
            return;
        }
        PolicyFiles.write(guardedDir.resolve(PolicyFiles.DEFAULT_NAME), POLICY);
        plain = DemoProcess.start(JvmCommand.demo(plainDir));
        guarded = DemoProcess.start(JvmCommand.demo(guardedDir).withAgent());
    }

    @AfterAll
    static void stopBoth() {
        if (guarded != null) {
            guarded.close();
        }
        if (plain != null) {
            plain.close();
        }
        report.forEach(System.out::println);
    }

    static Stream<Arguments> targets() {
        return Stream.of(
            target("search q (query, LIKE)", port -> List.of(
                "-u", base(port) + "/api/products/search?q=Mouse", "-p", "q")),
            target("order id (path, numeric)", port -> List.of(
                "-u", base(port) + "/api/orders/1*")),
            target("login username (form, string)", port -> List.of(
                "-u", base(port) + "/api/login", "--data", "username=alice&password=x", "-p", "username",
                // a failed login is the app's normal 401, not a reason to stop
                "--ignore-code=401")),
            target("X-Customer-Id (header, numeric)", port -> List.of(
                "-u", base(port) + "/api/customers/current", "-H", "X-Customer-Id: 2*")),
            target("sort (query, ORDER BY)", port -> List.of(
                "-u", base(port) + "/api/products?sort=id", "-p", "sort")),
            target("ids (query, IN list)", port -> List.of(
                "-u", base(port) + "/api/customers?ids=1", "-p", "ids")),
            target("email (form, UPDATE)", port -> List.of(
                "-u", base(port) + "/api/customers/3/email", "--data", "email=carol@example.com", "-p", "email")),
            target("customer (JSON, INSERT)", port -> List.of(
                "-u", base(port) + "/api/orders", "--data", "{\"customer\":\"dave\",\"productId\":1,\"quantity\":1}",
                "-p", "customer")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void sqlmapFindsTheInjectionWithoutTheAgentAndNoneWithIt(String name, IntFunction<List<String>> args,
            @TempDir Path work) throws Exception {
        assumeTrue(sqlmap.isPresent(), "sqlmap is not installed (.ci/run installs the Debian package): skipped");

        Sqlmap.Run without = sqlmap.get().run(args.apply(plain.port()), Files.createDirectory(work.resolve("plain")),
            RUN_TIMEOUT);
        assertThat(without.timedOut()).as("run without the agent timed out").isFalse();
        assertThat(without.foundInjection()).as("sqlmap must find the flaw without the agent:\n" + without.verdict())
            .isTrue();

        int eventsBefore = guarded.attackLog().events().size();
        Sqlmap.Run with = sqlmap.get().run(args.apply(guarded.port()), Files.createDirectory(work.resolve("guarded")),
            RUN_TIMEOUT);
        int logged = awaitEvents(eventsBefore + with.forbidden()) - eventsBefore;
        report.add(String.format("[sqlmap] %-32s without agent: injectable, %4d requests, %5.1fs | with agent: %s,"
                + " %4d requests, %4d answered 403, %4d log events, %5.1fs", name, without.requests(),
            seconds(without.wallTime()), with.foundInjection() ? "INJECTABLE" : with.foundNone() ? "none found"
                : "no verdict", with.requests(), with.forbidden(), logged, seconds(with.wallTime())));

        assertThat(with.timedOut()).as("run with the agent timed out").isFalse();
        assertThat(with.foundInjection()).as("sqlmap found an injection under the agent:\n" + with.verdict())
            .isFalse();
        assertThat(with.foundNone()).as("sqlmap's verdict under the agent:\n" + with.verdict()).isTrue();
        assertThat(with.forbidden()).as("sqlmap's payloads reached a sink and were blocked").isPositive();
        assertThat(logged).as("one log event per 403").isEqualTo(with.forbidden());
    }

    private static Arguments target(String name, IntFunction<List<String>> args) {
        return Arguments.of(name, args);
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static int awaitEvents(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        int seen = guarded.attackLog().events().size();
        while (seen < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = guarded.attackLog().events().size();
        }
        return seen;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
