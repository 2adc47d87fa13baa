package io.bulwark.it.support.testapps;

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
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The compatibility apps' endpoints (jakarta), each with a deliberate flaw: SQL concatenated into a query run
 * through a HikariCP pool (so a pool proxy and the driver's statement nest: one sink, one event), a host name
 * concatenated into {@code sh -c}, and the same SQL flaw reached from an async task and from an async re-dispatch.
 * Every answer says in {@code X-Virtual-Thread} whether a virtual thread served it, so the tests can prove which
 * threading model ran.
 */
public final class CompatServlets {

    private CompatServlets() {
    }

    public static DataSource database() throws SQLException {
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

    static String virtualFlag() {
        try {
            return String.valueOf(Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
        } catch (ReflectiveOperationException e) {
            return "false"; // before JDK 21 there are no virtual threads
        }
    }

    static void answer(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setHeader("X-Virtual-Thread", virtualFlag());
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

    /** {@code GET /api/products/search?q=}: LIKE concatenation. */
    public static final class Search extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient DataSource db;

        public Search(DataSource db) {
            this.db = db;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try {
                answer(response, 200, search(db, String.valueOf(request.getParameter("q"))));
            } catch (SQLException e) {
                answer(response, 500, "database error");
            }
        }
    }

    /** {@code GET /api/tools/ping?host=}: {@code sh -c "echo PING " + host}. */
    public static final class Ping extends HttpServlet {
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

    /** {@code GET /api/async/search?q=}: the same flaw, run by {@code AsyncContext.start} on the container's pool. */
    public static final class AsyncSearch extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient DataSource db;

        public AsyncSearch(DataSource db) {
            this.db = db;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            String q = String.valueOf(request.getParameter("q"));
            async.start(() -> {
                try {
                    answer((HttpServletResponse) async.getResponse(), 200, search(db, q));
                } catch (SQLException | IOException e) {
                    try {
                        answer((HttpServletResponse) async.getResponse(), 500, "database error");
                    } catch (IOException ignored) {
                        // the client is gone
                    }
                } finally {
                    async.complete();
                }
            });
        }
    }

    /** {@code GET /api/async/dispatch?q=}: starts async and re-dispatches to the search servlet. */
    public static final class AsyncDispatch extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            request.startAsync().dispatch("/api/products/search");
        }
    }

    /** {@code GET /api/executor/search?q=}: the SQL flaw run on the app's own pool; the request waits for it. */
    public static final class ExecutorSearch extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient DataSource db;
        private final transient ExecutorService workers;

        public ExecutorSearch(DataSource db, ExecutorService workers) {
            this.db = db;
            this.workers = workers;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            String q = String.valueOf(request.getParameter("q"));
            try {
                answer(response, 200, workers.submit(() -> search(db, q)).get(10, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                throw new ServletException("search failed", e.getCause());
            } catch (InterruptedException | TimeoutException e) {
                throw new ServletException(e);
            }
        }
    }

    /**
     * {@code GET /api/executor/later?q=}: answers at once and runs the SQL flaw on the app's pool half a second
     * later, when its request has ended and the container may have reused the request object for another client.
     */
    public static final class LaterSearch extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient DataSource db;
        private final transient ExecutorService workers;

        public LaterSearch(DataSource db, ExecutorService workers) {
            this.db = db;
            this.workers = workers;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String q = String.valueOf(request.getParameter("q"));
            workers.execute(() -> {
                try {
                    Thread.sleep(500);
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
    public static final class FutureSearch extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient DataSource db;

        public FutureSearch(DataSource db) {
            this.db = db;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            String q = String.valueOf(request.getParameter("q"));
            CompletableFuture.supplyAsync(() -> {
                try {
                    return search(db, q);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).whenComplete((names, failure) -> {
                HttpServletResponse out = (HttpServletResponse) async.getResponse();
                try {
                    if (failure == null) {
                        answer(out, 200, names);
                    } else if (!out.isCommitted()) {
                        answer(out, 500, "database error");
                    }
                } catch (IOException | IllegalStateException e) {
                    // the client is gone, or the agent already answered
                } finally {
                    async.complete();
                }
            });
        }
    }

    /** {@code GET /admin/stats}: protected by the policy (API key with the {@code admin} scope). */
    public static final class AdminStats extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            answer(response, 200, "stats for " + request.getUserPrincipal().getName());
        }
    }

    /** {@code GET /health}. */
    public static final class Health extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            answer(response, 200, "ok");
        }
    }
}
