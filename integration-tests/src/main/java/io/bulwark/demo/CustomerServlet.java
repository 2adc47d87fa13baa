package io.bulwark.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/customers}: four more VULNERABLE places, one per input source and SQL context the other endpoints
 * lack, so that the corpus tests can reach every source:
 * <ul>
 * <li>{@code GET /api/customers?ids=1,2}: an IN list from the query;</li>
 * <li>{@code GET /api/customers/current}: a number from the {@code X-Customer-Id} header ("the gateway sets
 * it");</li>
 * <li>{@code GET /api/customers/remembered}: a name from the {@code customer} cookie, in quotes;</li>
 * <li>{@code POST /api/customers/{id}/email}: form field {@code email} pasted into an UPDATE (the id is parsed, so
 * only the email is the flaw).</li>
 * </ul>
 */
final class CustomerServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private static final String COLUMNS = "SELECT id, name, email FROM customers";
    private static final String EMAIL_SUFFIX = "/email";

    record Customer(long id, String name, String email) {
    }

    private final transient DataSource dataSource;

    CustomerServlet(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String segment = PathIds.segment(request.getPathInfo());
        try {
            if (segment == null) {
                String ids = request.getParameter("ids");
                // VULNERABLE: "a list of numbers", pasted as it came.
                String sql = ids == null || ids.isEmpty() ? COLUMNS + " ORDER BY id"
                    : COLUMNS + " WHERE id IN (" + ids + ") ORDER BY id";
                Json.write(response, 200, query(sql));
            } else if (segment.equals("current")) {
                String id = request.getHeader("X-Customer-Id");
                if (id == null || id.isEmpty()) {
                    Json.error(response, 400, "X-Customer-Id is required");
                    return;
                }
                // VULNERABLE: the header is trusted because a gateway is supposed to set it.
                one(COLUMNS + " WHERE id = " + id, response);
            } else if (segment.equals("remembered")) {
                String name = cookie(request, "customer");
                if (name == null) {
                    Json.error(response, 400, "customer cookie is required");
                    return;
                }
                // VULNERABLE: the cookie is the app's own, so nobody thought of quotes in it.
                one(COLUMNS + " WHERE name = '" + name + "'", response);
            } else {
                Json.error(response, 404, "not found");
            }
        } catch (SQLException e) {
            Json.error(response, 500, e.getMessage());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String segment = PathIds.segment(request.getPathInfo());
        Long id = segment != null && segment.endsWith(EMAIL_SUFFIX)
            ? PathIds.parse(segment.substring(0, segment.length() - EMAIL_SUFFIX.length())) : null;
        String email = request.getParameter("email");
        if (id == null || email == null) {
            Json.error(response, 400, "expected POST /api/customers/{id}/email with form field email");
            return;
        }
        // VULNERABLE: the email is pasted into the UPDATE.
        String sql = "UPDATE customers SET email = '" + email + "' WHERE id = " + id;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (statement.executeUpdate(sql) == 0) {
                Json.error(response, 404, "customer not found");
                return;
            }
        } catch (SQLException e) {
            Json.error(response, 500, e.getMessage());
            return;
        }
        try {
            one(COLUMNS + " WHERE id = " + id, response);
        } catch (SQLException e) {
            Json.error(response, 500, e.getMessage());
        }
    }

    private void one(String sql, HttpServletResponse response) throws SQLException, IOException {
        List<Customer> found = query(sql);
        if (found.isEmpty()) {
            Json.error(response, 404, "customer not found");
        } else {
            Json.write(response, 200, found.get(0));
        }
    }

    private List<Customer> query(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<Customer> customers = new ArrayList<>();
            while (rs.next()) {
                customers.add(new Customer(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
            return customers;
        }
    }

    private static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
