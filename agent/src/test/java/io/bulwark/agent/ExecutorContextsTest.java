package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.instrumentation.servlet.ServletAccess;
import io.bulwark.policies.injection.Input;
import io.bulwark.policies.model.parse.PolicyParser;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request contexts carried onto an executor's thread: bound for exactly the task's run, judged against the inputs
 * of the request that submitted the task even when that request's object has since been recycled for another one.
 */
class ExecutorContextsTest {

    @TempDir
    Path dir;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final ExecutorContexts executors =
            new ExecutorContexts(new Diagnostics(new PrintStream(new ByteArrayOutputStream())));
    private ActivePolicy policy;

    /** A servlet request as a container keeps one: its parameters change when it is reused for the next client. */
    private static final class PooledRequest {
        volatile Map<String, String[]> parameters;
        final Map<String, Object> attributes = new HashMap<>();

        PooledRequest(String q) {
            parameters = Map.of("q", new String[] {q});
        }

        HttpServletRequest view() {
            return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getMethod" -> "GET";
                        case "getRequestURI" -> "/api/search";
                        case "getRemoteAddr" -> "127.0.0.1";
                        case "getParameterMap" -> parameters;
                        // the parameters came from the query string (unencoded here: only its presence matters)
                        case "getQueryString" -> "q=" + parameters.get("q")[0];
                        case "getHeaderNames", "getHeaders" -> Collections.emptyEnumeration();
                        case "getAttribute" -> attributes.get((String) args[0]);
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        case "isAsyncStarted", "isSecure" -> false;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> null;
                    });
        }
    }

    @BeforeEach
    void activate() throws Exception {
        Path file = Files.writeString(dir.resolve("bulwark-policy.json"), "{ \"version\": 1, \"mode\": \"block\" }");
        policy = new ActivePolicy(PolicyParser.parse(file).policy().orElseThrow());
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private RequestContext open(PooledRequest pooled) throws Throwable {
        HttpServletRequest request = pooled.view();
        return new RequestContext(ServletAccess.of(request), request, null, policy, null);
    }

    /** The context bound to the calling thread, left as it was. */
    private static RequestContext current() {
        RequestContext current = Gateway.bind(null);
        Gateway.unbind(current);
        return current;
    }

    private static List<String> values(RequestContext context) throws Throwable {
        return context.inputs().stream().map(Input::value).toList();
    }

    @Test
    void theTaskRunsWithItsRequestsContextAndLeavesThePoolThreadClean() throws Throwable {
        RequestContext context = open(new PooledRequest("anvil"));
        AtomicReference<RequestContext> during = new AtomicReference<>();
        pool.submit(executors.bind(() -> during.set(current()), context)).get(5, TimeUnit.SECONDS);
        assertThat(during.get()).isSameAs(context);
        assertThat(pool.submit(ExecutorContextsTest::current).get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aTaskThatOutlivesItsRequestIsJudgedAgainstThatRequestsInputs() throws Throwable {
        PooledRequest pooled = new PooledRequest("' OR '1'='1");
        RequestContext context = open(pooled);
        AtomicReference<List<String>> seen = new AtomicReference<>();
        Runnable task = executors.bind(() -> {
            try {
                seen.set(values(current()));
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }, context);
        context.close();
        pooled.parameters = Map.of("q", new String[] {"the next client's search"}); // the container reused it
        pool.submit(task).get(5, TimeUnit.SECONDS);
        assertThat(seen.get()).contains("' OR '1'='1").doesNotContain("the next client's search");
    }

    @Test
    void aSubmittedFutureStaysAFutureOfTheSameOutcome() throws Throwable {
        FutureTask<String> future = new FutureTask<>(() -> current() == null ? "unbound" : "bound");
        Runnable wrapped = executors.bind(future, open(new PooledRequest("anvil")));
        assertThat(wrapped).isInstanceOf(RunnableFuture.class);
        pool.execute(wrapped);
        assertThat(((RunnableFuture<?>) wrapped).get(5, TimeUnit.SECONDS)).isEqualTo("bound");
        assertThat(future.isDone()).isTrue();
        assertThat(ExecutorContexts.taskOf(wrapped)).isSameAs(future);
    }

    @Test
    void aCallableCarriesItsRequestToo() throws Throwable {
        RequestContext context = open(new PooledRequest("anvil"));
        Callable<RequestContext> wrapped = executors.bind(ExecutorContextsTest::current, context);
        assertThat(pool.submit(wrapped).get(5, TimeUnit.SECONDS)).isSameAs(context);
    }

    @Test
    void theWrapperLetsGoOfItsRequestOnceRun() throws Throwable {
        AtomicReference<RequestContext> secondRun = new AtomicReference<>(open(new PooledRequest("x")));
        Runnable wrapped = executors.bind(() -> secondRun.set(current()), open(new PooledRequest("anvil")));
        wrapped.run();
        wrapped.run(); // a wrapper kept by a pool after its run no longer holds the request
        assertThat(secondRun.get()).isNull();
    }

    @Test
    void outsideARequestAndForItsOwnWrappersNothingIsWrapped() throws Throwable {
        Runnable task = () -> { };
        assertThat(executors.bind(task, null)).isNull();
        Runnable wrapped = executors.bind(task, open(new PooledRequest("anvil")));
        assertThat(executors.bind(wrapped, open(new PooledRequest("anvil")))).isNull();
        assertThat(ExecutorContexts.taskOf(wrapped)).isSameAs(task);
        assertThat(ExecutorContexts.taskOf(task)).isNull();
    }
}
