package io.bulwark.agent;

import io.bulwark.policies.injection.SqlDialect;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The SQL dialect of recently used connections, from their JDBC URL, so a sink asks a connection for its URL and
 * reads the dialect out of it once rather than on every statement
 * ({@code getMetaData()} builds a new object in most drivers, and a pooled connection serves thousands of
 * statements). Direct-mapped by identity and fixed in size; a slot holds its connection weakly, so a closed
 * connection is never kept alive by the agent, and a new connection simply takes the slot.
 */
final class JdbcConnections {

    private static final int SLOTS = 256;

    private record Entry(WeakReference<Connection> connection, SqlDialect dialect) {
    }

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    /**
     * @param firstSight told the URL when neither this connection nor its URL was in the cache (the TLS warning
     *                   looks at it there)
     * @return the dialect of the connection's URL (the generic one when the driver has no URL)
     */
    SqlDialect dialect(Connection connection, Consumer<String> firstSight) throws SQLException {
        int h = System.identityHashCode(connection) * 0x9E3779B9;
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry entry = slots.get(slot);
        if (entry != null && entry.connection().get() == connection) {
            return entry.dialect();
        }
        String url = connection.getMetaData().getURL();
        SqlDialect dialect = ofUrl(url, firstSight);
        slots.set(slot, new Entry(new WeakReference<>(connection), dialect));
        return dialect;
    }

    private record Url(String text, SqlDialect dialect) {
    }

    private static final int URL_SLOTS = 16;

    /**
     * Apps that open a connection per request (no pool, or a pool that hands out a new wrapper per checkout) reach a
     * handful of URLs again and again: each is read, and checked for TLS, once while it stays in this small table.
     * Scanned with {@code equals}, not indexed by hash: each connection reports its URL as a new string, whose hash
     * would be computed afresh every time (it was a tenth of the agent's time on a connection-per-request app),
     * while comparing equal strings is one vectorised pass and an app has a URL or two. Filled round-robin.
     */
    private final AtomicReferenceArray<Url> urls = new AtomicReferenceArray<>(URL_SLOTS);
    private final AtomicInteger nextUrlSlot = new AtomicInteger();

    private SqlDialect ofUrl(String url, Consumer<String> firstSight) {
        if (url == null) {
            firstSight.accept(null);
            return SqlDialect.fromJdbcUrl(null);
        }
        for (int i = 0; i < URL_SLOTS; i++) {
            Url known = urls.get(i);
            if (known != null && known.text().equals(url)) {
                return known.dialect();
            }
        }
        SqlDialect dialect = SqlDialect.fromJdbcUrl(url);
        urls.set(nextUrlSlot.getAndIncrement() & (URL_SLOTS - 1), new Url(url, dialect));
        firstSight.accept(url);
        return dialect;
    }
}
