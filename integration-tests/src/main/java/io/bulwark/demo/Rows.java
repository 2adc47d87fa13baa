package io.bulwark.demo;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Row shapes the API returns, and their mapping from result sets. */
final class Rows {

    record Product(long id, String name, String category, BigDecimal price, int stock) {
    }

    record Order(long id, String customer, long productId, int quantity, String status) {
    }

    private Rows() {
    }

    /** Reads columns by position: an injected UNION names its own columns, and the demo should still render it. */
    static List<Product> products(ResultSet rs) throws SQLException {
        List<Product> products = new ArrayList<>();
        while (rs.next()) {
            products.add(new Product(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getInt(5)));
        }
        return products;
    }

    static Order order(ResultSet rs) throws SQLException {
        return new Order(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getString(5));
    }
}
