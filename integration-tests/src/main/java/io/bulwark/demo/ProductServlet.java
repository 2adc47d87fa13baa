package io.bulwark.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/products}: list (with a sort order), one by id, and a name search. The list's sort and the search
 * are VULNERABLE on purpose (string concatenation into SQL): they are what the agent must protect.
 */
final class ProductServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private static final String COLUMNS = "SELECT id, name, category, price, stock FROM products";

    private final transient DataSource dataSource;

    ProductServlet(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String segment = PathIds.segment(request.getPathInfo());
        try {
            if (segment == null) {
                list(request, response);
            } else if (segment.equals("search")) {
                search(request, response);
            } else {
                byId(segment, response);
            }
        } catch (SQLException e) {
            // The careless app: the database's message goes straight to the client.
            Json.error(response, 500, e.getMessage());
        }
    }

    private void list(HttpServletRequest request, HttpServletResponse response) throws SQLException, IOException {
        String sort = request.getParameter("sort");
        // VULNERABLE: ORDER BY cannot take a bind parameter, and this app has no whitelist of columns.
        String sql = COLUMNS + " ORDER BY " + (sort == null || sort.isEmpty() ? "id" : sort);
        Json.write(response, 200, query(sql));
    }

    private void search(HttpServletRequest request, HttpServletResponse response) throws SQLException, IOException {
        String q = request.getParameter("q");
        // VULNERABLE: the classic LIKE concatenation.
        String sql = COLUMNS + " WHERE name LIKE '%" + (q == null ? "" : q) + "%' ORDER BY id";
        Json.write(response, 200, query(sql));
    }

    private void byId(String segment, HttpServletResponse response) throws SQLException, IOException {
        Long id = PathIds.parse(segment);
        if (id == null) {
            Json.error(response, 400, "invalid product id");
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(COLUMNS + " WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                List<Rows.Product> found = Rows.products(rs);
                if (found.isEmpty()) {
                    Json.error(response, 404, "product not found");
                } else {
                    Json.write(response, 200, found.get(0));
                }
            }
        }
    }

    private List<Rows.Product> query(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return Rows.products(rs);
        }
    }
}
