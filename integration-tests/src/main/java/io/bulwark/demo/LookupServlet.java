package io.bulwark.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

/**
 * {@code POST /api/lookup}, a multipart form with a {@code name} field: VULNERABLE, the field is concatenated into
 * the query, the way a careless upload form handler might do it.
 */
final class LookupServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient DataSource dataSource;

    LookupServlet(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Part part = request.getPart("name");
        if (part == null) {
            Json.error(response, 400, "name is required");
            return;
        }
        String name = new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String sql = "SELECT id, name, category, price, stock FROM products WHERE name = '" + name + "' ORDER BY id";
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            Json.write(response, 200, Rows.products(rs));
        } catch (SQLException e) {
            Json.error(response, 500, e.getMessage());
        }
    }
}
