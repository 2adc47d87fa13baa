package io.bulwark.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /api/products/filter} with a JSON body {@code {"category": "...", "maxPrice": 100}}: the products of a
 * category under a price. VULNERABLE on purpose: the category is pasted into the SQL, so a JSON leaf reaches a sink
 * (the load benchmark's JSON endpoint, and a target for JSON-body injection tests).
 */
final class ProductFilterServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient DataSource dataSource;

    ProductFilterServlet(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The request body. */
    record Filter(String category, Double maxPrice) {
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Filter filter = Json.read(request, Filter.class);
        if (filter == null || filter.category() == null) {
            Json.error(response, 400, "expected a JSON body {\"category\": \"...\", \"maxPrice\": 100}");
            return;
        }
        // VULNERABLE: the category is concatenated; the price is a number the app parsed itself.
        String sql = "SELECT id, name, category, price, stock FROM products WHERE category = '" + filter.category()
            + "'" + (filter.maxPrice() == null ? "" : " AND price <= " + filter.maxPrice()) + " ORDER BY id";
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<Rows.Product> found = Rows.products(rs);
            Json.write(response, 200, found);
        } catch (SQLException e) {
            Json.error(response, 500, e.getMessage());
        }
    }
}
