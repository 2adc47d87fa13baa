package io.bulwark.dbapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * One vulnerable servlet in front of whatever database a JDBC URL names, so the same attacks run against each
 * dialect for real. Usage: {@code java -cp bulwark-demo.jar io.bulwark.dbapp.DatabaseApp --jdbc-url URL
 * [--user U] [--password P] [--pool hikari|none] [--port N]}. Like the demo, loopback only, and the first stdout
 * line names the address.
 */
public final class DatabaseApp {

    private static final String[] SCHEMA = {
        "DROP TABLE IF EXISTS items",
        "DROP TABLE IF EXISTS secrets",
        "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)",
        "CREATE TABLE secrets (id INT PRIMARY KEY, secret VARCHAR(100) NOT NULL)",
        "INSERT INTO items (id, name) VALUES (1, 'Desk Lamp')",
        "INSERT INTO items (id, name) VALUES (2, 'Webcam')",
        "INSERT INTO items (id, name) VALUES (3, 'Keyboard')",
        "INSERT INTO secrets (id, secret) VALUES (1, 's3cret-token')",
    };

    private DatabaseApp() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String url = options.get("--jdbc-url");
        if (url == null) {
            System.err.println("usage: DatabaseApp --jdbc-url URL [--user U] [--password P] [--pool hikari|none]"
                + " [--port N]");
            System.exit(2);
        }
        DataSource dataSource = dataSource(url, options.getOrDefault("--user", ""),
            options.getOrDefault("--password", ""), options.getOrDefault("--pool", "none"));
        seed(dataSource);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(options.getOrDefault("--port", "0")));
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new ItemServlet(dataSource)), "/items/*");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("Demo listening on http://127.0.0.1:" + connector.getLocalPort());
        System.out.flush();
        server.join();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static DataSource dataSource(String url, String user, String password, String pool) throws SQLException {
        if ("hikari".equals(pool)) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(4);
            config.setPoolName("dbapp");
            return new HikariDataSource(config);
        }
        // A new driver connection each time: the driver's own statements, with no proxy between app and driver.
        return new SimpleDriverDataSource(java.sql.DriverManager.getDriver(url), url, user, password);
    }

    private static void seed(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : SCHEMA) {
                statement.execute(sql);
            }
        }
    }
}
