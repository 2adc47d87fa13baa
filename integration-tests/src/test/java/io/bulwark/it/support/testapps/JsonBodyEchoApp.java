package io.bulwark.it.support.testapps;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** {@link BodyReadServlet} on every path of a plain Jetty 12, for {@code JsonValidationIT}. */
public final class JsonBodyEchoApp {

    private JsonBodyEchoApp() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector http = new ServerConnector(server);
        http.setHost("127.0.0.1");
        http.setPort(0);
        server.addConnector(http);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(new BodyReadServlet());
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("Demo listening on http://127.0.0.1:" + http.getLocalPort());
        System.out.flush();
        server.join();
    }
}
