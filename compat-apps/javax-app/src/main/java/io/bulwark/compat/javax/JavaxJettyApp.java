package io.bulwark.compat.javax;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.servlet.http.HttpServlet;
import javax.sql.DataSource;

import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The compatibility endpoints written against {@code javax.servlet}, on Jetty 12's ee8 environment. Prints the
 * demo's listening line, so the tests' {@code DemoProcess} can start it.
 */
public final class JavaxJettyApp {

    private JavaxJettyApp() {
    }

    public static void main(String[] args) throws Exception {
        DataSource db = JavaxServlets.database();
        // the app's own pool, as apps have them: tasks submitted from a request run on its threads
        ExecutorService workers = Executors.newFixedThreadPool(2);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        add(context, new JavaxServlets.Search(db), "/api/products/search");
        add(context, new JavaxServlets.Ping(), "/api/tools/ping");
        add(context, new JavaxServlets.AsyncSearch(db), "/api/async/search");
        add(context, new JavaxServlets.AsyncDispatch(), "/api/async/dispatch");
        add(context, new JavaxServlets.ExecutorSearch(db, workers), "/api/executor/search");
        add(context, new JavaxServlets.LaterSearch(db, workers), "/api/executor/later");
        add(context, new JavaxServlets.FutureSearch(db), "/api/future/search");
        add(context, new JavaxServlets.AdminStats(), "/admin/stats");
        add(context, new JavaxServlets.Health(), "/health");
        server.setHandler(context);
        server.start();
        System.out.println("Demo listening on http://127.0.0.1:" + connector.getLocalPort());
        System.out.flush();
        server.join();
    }

    private static void add(ServletContextHandler context, HttpServlet servlet, String path) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, path);
    }
}
