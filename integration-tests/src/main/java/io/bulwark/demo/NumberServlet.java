package io.bulwark.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/numbers/*?count=N}: reads N rows from the database and returns them, so tests can make a request
 * read and send as much as they like. The path after {@code /api/numbers/} is ignored; it only lets a policy give
 * the same endpoint different data-transfer limits.
 */
final class NumberServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_COUNT = 100_000;

    private final transient javax.sql.DataSource dataSource;

    NumberServlet(javax.sql.DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Long count = PathIds.parse(request.getParameter("count") == null ? "10" : request.getParameter("count"));
        if (count == null || count > MAX_COUNT) {
            Json.error(response, 400, "count must be a number up to " + MAX_COUNT);
            return;
        }
        List<Long> numbers = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT X FROM SYSTEM_RANGE(1, ?)")) {
            statement.setLong(1, count);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    numbers.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            Json.error(response, 500, e.getMessage());
            return;
        }
        Json.write(response, 200, Map.of("rows", numbers.size(), "numbers", numbers));
    }
}
