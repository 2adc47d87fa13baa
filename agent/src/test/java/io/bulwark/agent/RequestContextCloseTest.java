package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.instrumentation.servlet.ServletAccess;
import io.bulwark.policies.model.parse.PolicyParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A context ends once: its last words (the end-of-request judgement) run once, while the request is still live. */
class RequestContextCloseTest {

    @TempDir
    Path dir;

    private RequestContext open(ContextLedger ledger, ByteArrayOutputStream err) throws Throwable {
        Path file = Files.writeString(dir.resolve("bulwark-policy.json"), "{ \"version\": 1 }");
        ActivePolicy policy = new ActivePolicy(PolicyParser.parse(file).policy().orElseThrow());
        ServletExchange exchange = new ServletExchange("GET", "/orders");
        RequestContext context = new RequestContext(ServletAccess.of(exchange.request), exchange.request,
                exchange.response, policy, null);
        context.open(ledger, new Diagnostics(new PrintStream(err, true, StandardCharsets.UTF_8)));
        return context;
    }

    @Test
    void lastWordsRunOnceBeforeTheContextCountsAsClosed() throws Throwable {
        ContextLedger ledger = new ContextLedger();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RequestContext context = open(ledger, err);
        List<Boolean> closedDuring = new ArrayList<>();

        context.close(c -> closedDuring.add(c.isClosed()));
        context.close(c -> closedDuring.add(c.isClosed()));

        assertThat(closedDuring).containsExactly(false);
        assertThat(context.isClosed()).isTrue();
        assertThat(ledger.closedCount()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("request context closed twice");
    }

    @Test
    void racingEndsFromTwoThreadsJudgeTheRequestOnce() throws Throwable {
        ContextLedger ledger = new ContextLedger();
        RequestContext context = open(ledger, new ByteArrayOutputStream());
        List<String> judged = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        Runnable end = () -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            context.close(c -> judged.add(Thread.currentThread().getName()));
        };
        Thread exit = new Thread(end, "servlet-exit");
        Thread completion = new Thread(end, "async-completion");
        exit.start();
        completion.start();
        go.countDown();
        exit.join();
        completion.join();

        assertThat(judged).hasSize(1);
        assertThat(ledger.closedCount()).isEqualTo(1);
    }

    @Test
    void aFailureInTheLastWordsStillClosesTheContext() throws Throwable {
        ContextLedger ledger = new ContextLedger();
        RequestContext context = open(ledger, new ByteArrayOutputStream());

        try {
            context.close(c -> {
                throw new IllegalStateException("judging failed");
            });
        } catch (IllegalStateException expected) {
            // Gateway's requestEnded never throws; the context must not stay open if something else does
        }

        assertThat(context.isClosed()).isTrue();
        assertThat(ledger.closedCount()).isEqualTo(1);
    }
}
