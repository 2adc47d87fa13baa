package io.bulwark.benchmarks.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The demo's three load endpoints on a real Jetty 12 (ee10) with an in-memory H2, reached through a
 * {@link LocalConnector}: full HTTP parsing and servlet dispatch, no sockets. The servlets do what the demo's
 * {@code NoopServlet}, {@code ProductServlet} search and {@code ProductFilterServlet} do (the same SQL built the same
 * vulnerable way, a connection per request, rows read with {@code ResultSet.next}, the body parsed with the app's own
 * Jackson), so the agent meets the same hooks; the demo itself lives in {@code integration-tests}, which the
 * benchmarks do not depend on.
 */
final class RequestCostApp implements AutoCloseable {

    private final Server server = new Server();
    private final LocalConnector connector = new LocalConnector(server);

    RequestCostApp() throws Exception {
        DataSource dataSource = seededDatabase();
        // Long enough that a benchmark iteration never sees its kept-alive connection closed under it.
        connector.setIdleTimeout(600_000);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new NoopServlet()), "/api/noop");
        context.addServlet(new ServletHolder(new SearchServlet(dataSource)), "/api/products/*");
        context.addServlet(new ServletHolder(new FilterServlet(dataSource)), "/api/products/filter");
        server.setHandler(context);
        server.start();
    }

    LocalConnector.LocalEndPoint connect() {
        return connector.connect();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static DataSource seededDatabase() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:request-cost;DB_CLOSE_DELAY=-1");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE products (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                    + " category VARCHAR(50) NOT NULL, price DECIMAL(10,2) NOT NULL, stock INT NOT NULL)");
            statement.execute("INSERT INTO products (name, category, price, stock) VALUES"
                    + " ('Wireless Mouse', 'peripherals', 24.99, 120),"
                    + " ('Mechanical Keyboard', 'peripherals', 89.00, 45),"
                    + " ('USB-C Hub', 'accessories', 39.50, 80),"
                    + " ('27-inch Monitor', 'displays', 279.00, 15),"
                    + " ('Laptop Stand', 'accessories', 45.00, 60),"
                    + " ('Noise-Cancelling Headphones', 'audio', 199.00, 25),"
                    + " ('Webcam HD', 'peripherals', 59.90, 40),"
                    + " ('Desk Lamp', 'office', 32.00, 70)");
        }
        return dataSource;
    }

    private static final String COLUMNS = "SELECT id, name, category, price, stock FROM products";

    /** The rows as a small JSON array, written by hand: the app's cost must not dwarf the agent's. */
    private static void writeRows(ResultSet rs, HttpServletResponse response) throws SQLException, IOException {
        StringBuilder json = new StringBuilder(256).append('[');
        while (rs.next()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"id\":").append(rs.getLong(1)).append(",\"name\":\"").append(rs.getString(2))
                    .append("\",\"price\":").append(rs.getBigDecimal(4)).append('}');
        }
        byte[] body = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** {@code GET /api/noop}: two bytes, nothing else; what the agent adds here is its entry and exit. */
    private static final class NoopServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(200);
            response.setContentType("text/plain");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }

    /** {@code GET /api/products/search?q=...}: the query parameter pasted into one statement, as the demo does. */
    private static final class SearchServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient DataSource dataSource;

        SearchServlet(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String q = request.getParameter("q");
            String sql = COLUMNS + " WHERE name LIKE '%" + (q == null ? "" : q) + "%' ORDER BY id";
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(sql)) {
                writeRows(rs, response);
            } catch (SQLException e) {
                response.sendError(500);
            }
        }
    }

    /** {@code POST /api/products/filter} with {@code {"category": "...", "maxPrice": 100}}: a JSON leaf in the SQL. */
    private static final class FilterServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final ObjectMapper JSON = new ObjectMapper();
        private final transient DataSource dataSource;

        FilterServlet(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            JsonNode filter = JSON.readTree(request.getInputStream());
            JsonNode category = filter == null ? null : filter.get("category");
            if (category == null || !category.isTextual()) {
                response.sendError(400);
                return;
            }
            JsonNode maxPrice = filter.get("maxPrice");
            String sql = COLUMNS + " WHERE category = '" + category.asText() + "'"
                    + (maxPrice == null || !maxPrice.isNumber() ? "" : " AND price <= " + maxPrice.asDouble())
                    + " ORDER BY id";
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(sql)) {
                writeRows(rs, response);
            } catch (SQLException e) {
                response.sendError(500);
            }
        }
    }
}
