package io.bulwark.compat.javax;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.AsyncContext;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The compatibility endpoints on {@code javax.servlet}, each with a deliberate flaw: SQL concatenated into a query
 * run through a HikariCP pool, a host name concatenated into {@code sh -c}, and the same SQL flaw reached from
 * threads other than the request's: {@code AsyncContext.start}, an async re-dispatch, the app's own
 * {@code ExecutorService} (waited for, and not waited for) and {@code CompletableFuture.supplyAsync}.
 */
final class JavaxServlets {

    /** How long the not-waited-for task sleeps, so that its request has ended before it reaches the sink. */
    private static final long LATER_DELAY_MILLIS = 500;

    private JavaxServlets() {
    }

    static DataSource database() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:compat;DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(64))");
            s.execute("INSERT INTO products VALUES (1, 'anvil'), (2, 'rocket skates'), (3, 'giant magnet')");
        }
        return pool;
    }

    static void answer(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setHeader("X-Virtual-Thread", "false");
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    static String search(DataSource db, String q) throws SQLException {
        StringBuilder names = new StringBuilder();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT name FROM products WHERE name LIKE '%" + q + "%' ORDER BY id")) {
            while (rows.next()) {
                names.append(rows.getString(1)).append('\n');
            }
        }
        return names.toString();
    }

    static String q(HttpServletRequest request) {
        return String.valueOf(request.getParameter("q"));
    }

    /** {@code GET /api/products/search?q=}: LIKE concatenation. */
    static final class Search extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient DataSource db;

        Search(DataSource db) {
            this.db = db;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try {
                answer(response, 200, search(db, q(request)));
            } catch (SQLException e) {
                answer(response, 500, "database error");
            }
        }
    }

    /** {@code GET /api/tools/ping?host=}: {@code sh -c "echo PING " + host}. */
    static final class Ping extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Process p = new ProcessBuilder("sh", "-c", "echo PING " + request.getParameter("host"))
                    .redirectErrorStream(true).start();
            try (InputStream out = p.getInputStream()) {
                answer(response, 200, new String(out.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /** {@code GET /api/async/search?q=}: the SQL flaw, run by {@code AsyncContext.start} on the container's pool. */
    static final class AsyncSearch extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient DataSource db;

        AsyncSearch(DataSource db) {
            this.db = db;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            String q = q(request);
            async.start(() -> {
                try {
                    answer((HttpServletResponse) async.getResponse(), 200, search(db, q));
                } catch (SQLException | IOException e) {
                    failed(async);
                } finally {
                    async.complete();
                }
            });
        }
    }

    /** {@code GET /api/async/dispatch?q=}: starts async and re-dispatches to the search servlet. */
    static final class AsyncDispatch extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            request.startAsync().dispatch("/api/products/search");
        }
    }

    /** {@code GET /api/executor/search?q=}: the SQL flaw run on the app's own pool; the request waits for it. */
    static final class ExecutorSearch extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient DataSource db;
        private final transient ExecutorService workers;

        ExecutorSearch(DataSource db, ExecutorService workers) {
            this.db = db;
            this.workers = workers;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            String q = q(request);
            try {
                answer(response, 200, workers.submit(() -> search(db, q)).get(10, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                throw new ServletException("search failed", e.getCause());
            } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
                throw new ServletException(e);
            }
        }
    }

    /**
     * {@code GET /api/executor/later?q=}: answers at once and runs the SQL flaw on the app's pool afterwards, when
     * its request has ended and the container may be serving another client with the same request object.
     */
    static final class LaterSearch extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient DataSource db;
        private final transient ExecutorService workers;

        LaterSearch(DataSource db, ExecutorService workers) {
            this.db = db;
            this.workers = workers;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String q = q(request);
            workers.execute(() -> {
                try {
                    Thread.sleep(LATER_DELAY_MILLIS);
                    search(db, q);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (SQLException e) {
                    // nobody waits for this answer
                }
            });
            answer(response, 200, "queued\n");
        }
    }

    /** {@code GET /api/future/search?q=}: the SQL flaw in {@code CompletableFuture.supplyAsync}, answered async. */
    static final class FutureSearch extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient DataSource db;

        FutureSearch(DataSource db) {
            this.db = db;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            String q = q(request);
            CompletableFuture.supplyAsync(() -> {
                try {
                    return search(db, q);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).whenComplete((names, failure) -> {
                try {
                    if (failure == null) {
                        answer((HttpServletResponse) async.getResponse(), 200, names);
                    } else {
                        failed(async);
                    }
                } catch (IOException e) {
                    // the client is gone
                } finally {
                    async.complete();
                }
            });
        }
    }

    private static void failed(AsyncContext async) {
        try {
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            if (!response.isCommitted()) {
                answer(response, 500, "database error");
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone, or the response was already answered
        }
    }

    /** {@code GET /admin/stats}: protected by the policy (API key with the {@code admin} scope). */
    static final class AdminStats extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            answer(response, 200, "stats for " + request.getUserPrincipal().getName());
        }
    }

    /** {@code GET /health}. */
    static final class Health extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            answer(response, 200, "ok");
        }
    }
}
