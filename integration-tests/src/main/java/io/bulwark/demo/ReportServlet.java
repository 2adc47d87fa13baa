package io.bulwark.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/reports/summary}: a plain Statement with constant SQL, which the agent must leave alone. It also
 * counts the API keys in {@code secrets}, so tests can tell whether an attack dropped that table.
 */
final class ReportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private static final String SUMMARY = "SELECT"
        + " (SELECT COUNT(*) FROM products),"
        + " (SELECT COUNT(*) FROM customers),"
        + " (SELECT COUNT(*) FROM orders),"
        + " (SELECT COUNT(*) FROM orders WHERE status = 'NEW'),"
        + " (SELECT COALESCE(SUM(o.quantity * p.price), 0) FROM orders o JOIN products p ON p.id = o.product_id"
        + "   WHERE o.status <> 'CANCELLED'),"
        + " (SELECT COUNT(*) FROM secrets)";

    private final transient DataSource dataSource;

    ReportServlet(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(SUMMARY)) {
            rs.next();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("products", rs.getLong(1));
            summary.put("customers", rs.getLong(2));
            summary.put("orders", rs.getLong(3));
            summary.put("openOrders", rs.getLong(4));
            summary.put("revenue", rs.getBigDecimal(5));
            summary.put("apiKeys", rs.getLong(6));
            Json.write(response, 200, summary);
        } catch (SQLException e) {
            Json.error(response, 500, e.getMessage());
        }
    }
}
