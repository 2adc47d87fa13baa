package io.bulwark.compat.boot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The compatibility endpoints, each with a deliberate flaw: SQL concatenated into a {@code JdbcTemplate} query, a
 * host name concatenated into {@code sh -c}, and the same SQL flaw run on threads the app owns: an MVC
 * {@code Callable} and a task submitted to Spring's task executor, a task that runs after its request ended, and
 * {@code CompletableFuture.supplyAsync}.
 */
@RestController
class ProductController {

    /** How long the not-waited-for task sleeps, so that its request has ended before it reaches the sink. */
    private static final long LATER_DELAY_MILLIS = 500;

    private final JdbcTemplate jdbc;
    private final AsyncTaskExecutor tasks;

    ProductController(JdbcTemplate jdbc, AsyncTaskExecutor applicationTaskExecutor) {
        this.jdbc = jdbc;
        this.tasks = applicationTaskExecutor;
    }

    private String search(String q) {
        StringBuilder names = new StringBuilder();
        jdbc.queryForList("SELECT name FROM products WHERE name LIKE '%" + q + "%' ORDER BY id", String.class)
                .forEach(name -> names.append(name).append('\n'));
        return names.toString();
    }

    @GetMapping(value = "/api/products/search", produces = "text/plain;charset=utf-8")
    String products(@RequestParam("q") String q) {
        return search(q);
    }

    @GetMapping(value = "/api/tools/ping", produces = "text/plain;charset=utf-8")
    String ping(@RequestParam("host") String host) throws IOException {
        Process p = new ProcessBuilder("sh", "-c", "echo PING " + host).redirectErrorStream(true).start();
        try (InputStream out = p.getInputStream()) {
            return new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** MVC runs the Callable on Spring's task executor and re-dispatches with its result. */
    @GetMapping(value = "/api/async/search", produces = "text/plain;charset=utf-8")
    Callable<String> asyncSearch(@RequestParam("q") String q) {
        return () -> search(q);
    }

    @GetMapping(value = "/api/executor/search", produces = "text/plain;charset=utf-8")
    String executorSearch(@RequestParam("q") String q) throws InterruptedException, TimeoutException {
        try {
            return tasks.submit(() -> search(q)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("search failed", e.getCause());
        }
    }

    @GetMapping(value = "/api/executor/later", produces = "text/plain;charset=utf-8")
    String laterSearch(@RequestParam("q") String q) {
        tasks.execute(() -> {
            try {
                Thread.sleep(LATER_DELAY_MILLIS);
                search(q);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return "queued\n";
    }

    @GetMapping(value = "/api/future/search", produces = "text/plain;charset=utf-8")
    CompletableFuture<String> futureSearch(@RequestParam("q") String q) {
        return CompletableFuture.supplyAsync(() -> search(q));
    }

    @GetMapping(value = "/admin/stats", produces = "text/plain;charset=utf-8")
    String adminStats(Principal caller) {
        return "stats for " + caller.getName();
    }

    @GetMapping(value = "/health", produces = "text/plain;charset=utf-8")
    String health() {
        return "ok";
    }
}
