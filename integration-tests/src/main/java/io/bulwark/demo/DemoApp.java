package io.bulwark.demo;

import javax.sql.DataSource;

import jakarta.servlet.MultipartConfigElement;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A small shop API with deliberate injection flaws: the target the agent protects in the integration tests and
 * the benchmarks. Never expose it to a network. Usage: {@code java -jar bulwark-demo.jar [--port N]} (0 picks a
 * free port). The first stdout line names the address; tests read the port from it.
 */
public final class DemoApp {

    private static final int DEFAULT_PORT = 8080;

    private DemoApp() {
    }

    public static void main(String[] args) throws Exception {
        Integer port = parsePort(args);
        if (port == null) {
            System.err.println("usage: java -jar bulwark-demo.jar [--port N]");
            System.exit(2);
        }
        Server server = start(port, DemoDatabase.createSeeded());
        int bound = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        System.out.println("Demo listening on http://127.0.0.1:" + bound);
        System.out.flush();
        server.join();
    }

    /** The port from {@code --port N}, the default without arguments, or null for anything else. */
    static Integer parsePort(String[] args) {
        if (args.length == 0) {
            return DEFAULT_PORT;
        }
        if (args.length != 2 || !args[0].equals("--port")) {
            return null;
        }
        try {
            int port = Integer.parseInt(args[1]);
            return port >= 0 && port <= 65535 ? port : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Server start(int port, DataSource dataSource) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        // Loopback only: the API is vulnerable by design.
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new HealthServlet()), "/health");
        context.addServlet(new ServletHolder(new ProductServlet(dataSource)), "/api/products/*");
        context.addServlet(new ServletHolder(new ProductFilterServlet(dataSource)), "/api/products/filter");
        context.addServlet(new ServletHolder(new NoopServlet()), "/api/noop");
        context.addServlet(new ServletHolder(new OrderServlet(dataSource)), "/api/orders/*");
        context.addServlet(new ServletHolder(new LoginServlet(dataSource)), "/api/login");
        context.addServlet(new ServletHolder(new PingServlet()), "/api/tools/ping");
        context.addServlet(new ServletHolder(new FileListServlet()), "/api/tools/files");
        context.addServlet(new ServletHolder(new ReportServlet(dataSource)), "/api/reports/summary");
        context.addServlet(new ServletHolder(new CustomerServlet(dataSource)), "/api/customers/*");
        context.addServlet(new ServletHolder(new NumberServlet(dataSource)), "/api/numbers/*");
        ServletHolder lookup = new ServletHolder(new LookupServlet(dataSource));
        lookup.getRegistration().setMultipartConfig(new MultipartConfigElement(
            System.getProperty("java.io.tmpdir"), 1 << 20, 2 << 20, 64 * 1024));
        context.addServlet(lookup, "/api/lookup");
        context.addServlet(new ServletHolder(new EchoServlet("text", '\'')), "/api/tools/banner");
        context.addServlet(new ServletHolder(new EchoServlet("name", '"')), "/api/tools/greet");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        return server;
    }
}
