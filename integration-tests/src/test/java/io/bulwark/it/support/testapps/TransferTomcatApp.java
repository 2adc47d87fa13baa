package io.bulwark.it.support.testapps;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat 11 with endpoints that write text through {@code getWriter()} (which Tomcat does not route
 * through its {@code ServletOutputStream}) and read rows through a HikariCP pool (whose result sets wrap the
 * driver's), also from an async request's own thread, for the data-transfer tests. Prints the demo's listening line, so {@code DemoProcess} can start it.
 */
public final class TransferTomcatApp {

    private TransferTomcatApp() {
    }

    public static void main(String[] args) throws Exception {
        DataSource db = CompatServlets.database();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "text", new Lines());
        context.addServletMappingDecoded("/text/*", "text");
        Tomcat.addServlet(context, "rows", new Rows(db));
        context.addServletMappingDecoded("/rows", "rows");
        Tomcat.addServlet(context, "async-rows", new AsyncRows(db)).setAsyncSupported(true);
        context.addServletMappingDecoded("/async-rows", "async-rows");
        tomcat.start();
        System.out.println("Demo listening on http://127.0.0.1:" + connector.getLocalPort());
        System.out.flush();
        tomcat.getServer().await();
    }

    private static int count(HttpServletRequest request) {
        return Integer.parseInt(request.getParameter("count"));
    }

    /** {@code count} lines of text, one {@code print} each. */
    static final class Lines extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            PrintWriter writer = response.getWriter();
            for (int i = 0; i < count(request); i++) {
                writer.print(String.format("line %06d%n", i));
            }
        }
    }

    /** Reads {@code count} rows through the pool and says how many it got. */
    static final class Rows extends HttpServlet {
        private final transient DataSource db;

        Rows(DataSource db) {
            this.db = db;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            int read;
            try {
                read = readRows(db, count(request));
            } catch (SQLException e) {
                response.sendError(500);
                return;
            }
            response.getWriter().print("rows " + read);
        }
    }

    /**
     * As {@link Rows}, on an {@code AsyncContext.start} thread, after the servlet has returned: the rows are read
     * only once the container-side exit of the request is long over.
     */
    static final class AsyncRows extends HttpServlet {
        private final transient DataSource db;

        AsyncRows(DataSource db) {
            this.db = db;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            int count = count(request);
            AsyncContext async = request.startAsync();
            async.start(() -> {
                try {
                    Thread.sleep(300); // the servlet's exit runs meanwhile
                    int read = readRows(db, count);
                    response.getWriter().print("rows " + read);
                } catch (SQLException | IOException e) {
                    response.setStatus(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    async.complete();
                }
            });
        }
    }

    private static int readRows(DataSource db, int count) throws SQLException {
        int read = 0;
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT X FROM SYSTEM_RANGE(1, ?)")) {
            s.setInt(1, count);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    read++;
                }
            }
        }
        return read;
    }
}
