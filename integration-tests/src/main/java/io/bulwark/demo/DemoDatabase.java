package io.bulwark.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/**
 * The demo's H2 in-memory database: schema and seed data. Every start gets the same rows and ids, so a run with
 * the agent and a run without it answer benign requests byte for byte alike.
 */
final class DemoDatabase {

    private DemoDatabase() {
    }

    /**
     * Creates and seeds a fresh database. The name is unique per call so that two demos in one JVM (none today)
     * could not share state; DB_CLOSE_DELAY keeps it alive between the per-request connections.
     */
    static DataSource createSeeded() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:demo-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : SCHEMA_AND_SEED) {
                statement.execute(sql);
            }
        }
        return dataSource;
    }

    private static final String[] SCHEMA_AND_SEED = {
        "CREATE TABLE products (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
            + " category VARCHAR(50) NOT NULL, price DECIMAL(10,2) NOT NULL, stock INT NOT NULL)",
        "INSERT INTO products (name, category, price, stock) VALUES"
            + " ('Wireless Mouse', 'peripherals', 24.99, 120),"
            + " ('Mechanical Keyboard', 'peripherals', 89.00, 45),"
            + " ('USB-C Hub', 'accessories', 39.50, 80),"
            + " ('27-inch Monitor', 'displays', 279.00, 15),"
            + " ('Laptop Stand', 'accessories', 45.00, 60),"
            + " ('Noise-Cancelling Headphones', 'audio', 199.00, 25),"
            + " ('Webcam HD', 'peripherals', 59.90, 40),"
            + " ('Desk Lamp', 'office', 32.00, 70)",

        "CREATE TABLE customers (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL UNIQUE,"
            + " email VARCHAR(200) NOT NULL)",
        "INSERT INTO customers (name, email) VALUES"
            + " ('alice', 'alice@example.com'), ('bob', 'bob@example.com'), ('carol', 'carol@example.com')",

        // Plain-text passwords: the careless app this demo plays. Nothing here is a real credential.
        "CREATE TABLE users (id BIGINT AUTO_INCREMENT PRIMARY KEY, username VARCHAR(50) NOT NULL UNIQUE,"
            + " password VARCHAR(100) NOT NULL, role VARCHAR(20) NOT NULL)",
        "INSERT INTO users (username, password, role) VALUES"
            + " ('admin', 'admin-demo-password', 'admin'),"
            + " ('alice', 'alice-demo-password', 'customer'),"
            + " ('bob', 'bob-demo-password', 'customer')",

        "CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer VARCHAR(100) NOT NULL,"
            + " product_id BIGINT NOT NULL, quantity INT NOT NULL, status VARCHAR(20) NOT NULL)",
        "INSERT INTO orders (customer, product_id, quantity, status) VALUES"
            + " ('alice', 1, 2, 'SHIPPED'), ('bob', 4, 1, 'NEW'), ('carol', 2, 1, 'NEW'), ('alice', 6, 1, 'CANCELLED')",

        // What an attacker is after: the tests read it back (UNION) or drop it to prove exploitability.
        "CREATE TABLE secrets (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
            + " secret_value VARCHAR(200) NOT NULL)",
        "INSERT INTO secrets (name, secret_value) VALUES"
            + " ('payment-gateway', 'demo-secret-7f3a9c'), ('shipping-partner', 'demo-secret-41be02')",
    };
}
