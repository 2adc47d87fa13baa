package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.policies.injection.SqlDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcConnectionsTest {

    private static final String URL = "jdbc:h2:mem:jdbc-connections-test;DB_CLOSE_DELAY=-1";

    /** H2 reports its URL without the settings. */
    private static String reported(String url) {
        return url.substring(0, url.indexOf(';'));
    }

    @Test
    void aConnectionPerRequestIsToldOnceAndKeepsItsDialect() throws Exception {
        JdbcConnections connections = new JdbcConnections();
        List<String> told = new ArrayList<>();
        for (int request = 0; request < 5; request++) {
            try (Connection connection = DriverManager.getConnection(URL)) {
                assertThat(connections.dialect(connection, told::add)).isEqualTo(SqlDialect.H2);
                assertThat(connections.dialect(connection, told::add)).isEqualTo(SqlDialect.H2);
            }
        }
        assertThat(told).containsExactly(reported(URL));
    }

    @Test
    void aSecondUrlIsToldToo() throws Exception {
        JdbcConnections connections = new JdbcConnections();
        List<String> told = new ArrayList<>();
        String other = "jdbc:h2:mem:jdbc-connections-other;MODE=PostgreSQL";
        try (Connection first = DriverManager.getConnection(URL);
             Connection second = DriverManager.getConnection(other)) {
            connections.dialect(first, told::add);
            connections.dialect(second, told::add);
            connections.dialect(first, told::add);
        }
        assertThat(told).containsExactly(reported(URL), reported(other));
    }
}
