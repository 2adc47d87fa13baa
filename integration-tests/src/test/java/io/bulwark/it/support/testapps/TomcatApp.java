package io.bulwark.it.support.testapps;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import jakarta.servlet.http.HttpServlet;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The compatibility endpoints on a plain embedded Tomcat 11. With {@code --virtual-threads} (JDK 21+ only: the
 * property is set only when the runtime has virtual threads) Tomcat serves every request on a virtual thread.
 * Prints the demo's listening line, so {@code DemoProcess} can start it.
 */
public final class TomcatApp {

    private TomcatApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean virtual = Arrays.asList(args).contains("--virtual-threads");
        if (virtual && Runtime.version().feature() < 21) {
            throw new IllegalStateException("--virtual-threads needs JDK 21 or newer");
        }
        DataSource db = CompatServlets.database();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        if (virtual) {
            connector.setProperty("useVirtualThreads", "true");
        }
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        add(context, "search", new CompatServlets.Search(db), "/api/products/search");
        add(context, "ping", new CompatServlets.Ping(), "/api/tools/ping");
        add(context, "asyncSearch", new CompatServlets.AsyncSearch(db), "/api/async/search");
        add(context, "asyncDispatch", new CompatServlets.AsyncDispatch(), "/api/async/dispatch");
        // the app's own pool: on virtual threads, the JDK's thread-per-task executor, as such apps use
        ExecutorService workers = virtual ? (ExecutorService) Executors.class
                .getMethod("newVirtualThreadPerTaskExecutor").invoke(null) : Executors.newFixedThreadPool(2);
        add(context, "executorSearch", new CompatServlets.ExecutorSearch(db, workers), "/api/executor/search");
        add(context, "laterSearch", new CompatServlets.LaterSearch(db, workers), "/api/executor/later");
        add(context, "futureSearch", new CompatServlets.FutureSearch(db), "/api/future/search");
        add(context, "admin", new CompatServlets.AdminStats(), "/admin/stats");
        add(context, "health", new CompatServlets.Health(), "/health");
        tomcat.start();
        System.out.println("Demo listening on http://127.0.0.1:" + connector.getLocalPort());
        System.out.flush();
        tomcat.getServer().await();
    }

    private static void add(Context context, String name, HttpServlet servlet, String path) {
        Tomcat.addServlet(context, name, servlet).setAsyncSupported(true);
        context.addServletMappingDecoded(path, name);
    }
}
