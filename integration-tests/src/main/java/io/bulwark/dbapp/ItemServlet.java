package io.bulwark.dbapp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code GET /items/{how}?name=}: the same lookup built four ways. {@code concat} pastes the value into a string
 * literal, {@code escaped} first doubles its quotes (the hand-rolled escaping that backslash-escaping databases
 * defeat), {@code template} concatenates through Spring's {@code JdbcTemplate}, {@code prepared} binds it.
 * Answers a JSON array of the names found; 500 on any SQL error.
 */
final class ItemServlet extends HttpServlet {

    private static final String LOOKUP = "SELECT name FROM items WHERE name = ";

    private final DataSource dataSource;
    private final JdbcTemplate template;

    ItemServlet(DataSource dataSource) {
        this.dataSource = dataSource;
        this.template = new JdbcTemplate(dataSource);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        String how = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (name == null) {
            response.sendError(400, "name is required");
            return;
        }
        List<String> names;
        try {
            switch (how) {
                case "/concat" -> names = query(LOOKUP + "'" + name + "'");
                case "/escaped" -> names = query(LOOKUP + "'" + name.replace("'", "''") + "'");
                case "/template" -> names = template.queryForList(LOOKUP + "'" + name + "'", String.class);
                case "/prepared" -> names = prepared(name);
                default -> {
                    response.sendError(404);
                    return;
                }
            }
        } catch (SQLException | DataAccessException e) {
            response.sendError(500, "query failed");
            return;
        }
        response.setContentType("application/json");
        response.getWriter().write(json(names));
    }

    private List<String> query(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return names(rows);
        }
    }

    private List<String> prepared(String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT name FROM items WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return names(rows);
            }
        }
    }

    private static List<String> names(ResultSet rows) throws SQLException {
        List<String> names = new ArrayList<>();
        while (rows.next()) {
            names.add(rows.getString(1));
        }
        return names;
    }

    private static String json(List<String> names) {
        StringBuilder out = new StringBuilder("[");
        for (String name : names) {
            out.append(out.length() > 1 ? "," : "").append('"');
            for (char c : name.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }
        return out.append(']').toString();
    }
}
