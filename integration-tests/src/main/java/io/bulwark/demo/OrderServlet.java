package io.bulwark.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/orders}: read one (VULNERABLE numeric concatenation), create (VULNERABLE string concatenation of the
 * customer, inside a catch-all, as careless apps write it), update and delete (prepared, safe).
 */
final class OrderServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private static final String COLUMNS = "SELECT id, customer, product_id, quantity, status FROM orders";

    record NewOrder(String customer, long productId, int quantity) {
    }

    record OrderUpdate(int quantity, String status) {
    }

    private final transient DataSource dataSource;

    OrderServlet(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String segment = PathIds.segment(request.getPathInfo());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (segment == null) {
                List<Rows.Order> orders = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery(COLUMNS + " ORDER BY id")) {
                    while (rs.next()) {
                        orders.add(Rows.order(rs));
                    }
                }
                Json.write(response, 200, orders);
                return;
            }
            // VULNERABLE: "it is a number, so no quotes needed", and nobody checked that it is a number.
            try (ResultSet rs = statement.executeQuery(COLUMNS + " WHERE id = " + segment)) {
                if (rs.next()) {
                    Json.write(response, 200, Rows.order(rs));
                } else {
                    Json.error(response, 404, "order not found");
                }
            }
        } catch (SQLException e) {
            Json.error(response, 500, e.getMessage());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        NewOrder order = Json.read(request, NewOrder.class);
        if (order == null || order.customer() == null || order.quantity() <= 0) {
            Json.error(response, 400, "expected {\"customer\", \"productId\", \"quantity\"}");
            return;
        }
        // VULNERABLE: the customer name is pasted into the INSERT.
        String sql = "INSERT INTO orders (customer, product_id, quantity, status) VALUES ('" + order.customer()
            + "', " + order.productId() + ", " + order.quantity() + ", 'NEW')";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
            long id;
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            response.setHeader("Location", "/api/orders/" + id);
            Json.write(response, 201, find(connection, id).orElseThrow());
        } catch (Exception e) {
            // Catch-all on purpose: it also swallows whatever an agent throws, and the agent must still answer 403.
            Json.error(response, 500, e.getMessage());
        }
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Long id = PathIds.parse(PathIds.segment(request.getPathInfo()));
        OrderUpdate update = Json.read(request, OrderUpdate.class);
        if (id == null || update == null || update.status() == null || update.quantity() <= 0) {
            Json.error(response, 400, "expected /api/orders/{id} and {\"quantity\", \"status\"}");
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                    "UPDATE orders SET quantity = ?, status = ? WHERE id = ?")) {
            statement.setInt(1, update.quantity());
            statement.setString(2, update.status());
            statement.setLong(3, id);
            if (statement.executeUpdate() == 0) {
                Json.error(response, 404, "order not found");
            } else {
                Json.write(response, 200, find(connection, id).orElseThrow());
            }
        } catch (SQLException e) {
            Json.error(response, 500, e.getMessage());
        }
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Long id = PathIds.parse(PathIds.segment(request.getPathInfo()));
        if (id == null) {
            Json.error(response, 400, "invalid order id");
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("DELETE FROM orders WHERE id = ?")) {
            statement.setLong(1, id);
            if (statement.executeUpdate() == 0) {
                Json.error(response, 404, "order not found");
            } else {
                response.setStatus(204);
            }
        } catch (SQLException e) {
            Json.error(response, 500, e.getMessage());
        }
    }

    private static Optional<Rows.Order> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS + " WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(Rows.order(rs)) : Optional.empty();
            }
        }
    }
}
