package io.bulwark.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /api/login} with form fields {@code username} and {@code password}. VULNERABLE on purpose: both are
 * pasted into the WHERE clause ({@code admin' --} logs in as admin), and a catch-all answers every failure.
 */
final class LoginServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** A record, not Map.of: its field order is fixed, and runs with and without the agent are compared. */
    record LoggedIn(String user, String role) {
    }

    private final transient DataSource dataSource;

    LoginServlet(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String username = request.getParameter("username");
        String password = request.getParameter("password");
        if (username == null || password == null) {
            Json.error(response, 400, "username and password are required");
            return;
        }
        String sql = "SELECT username, role FROM users WHERE username='" + username + "' AND password='" + password
            + "'";
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            if (rs.next()) {
                Json.write(response, 200, new LoggedIn(rs.getString(1), rs.getString(2)));
            } else {
                Json.error(response, 401, "invalid credentials");
            }
        } catch (Exception e) {
            Json.error(response, 500, e.getMessage());
        }
    }
}
