package io.bulwark.agent;

import io.bulwark.instrumentation.SuperTypeIndex;
import io.bulwark.instrumentation.TypeInstrumentation;
import io.bulwark.instrumentation.jdbc.JdbcConnectionInstrumentation;
import io.bulwark.instrumentation.jdbc.JdbcStatementInstrumentation;
import io.bulwark.instrumentation.servlet.FilterInstrumentation;
import io.bulwark.instrumentation.servlet.ServletServiceInstrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the agent hooked and what it saw running, so it can say loudly when a server or a JDBC driver runs with
 * nothing hooked in front of it (a silent gap protects nothing). Recorded from the class-file transformer on
 * whatever thread defines a class; names kept are bounded, counts are not names.
 */
final class HookCensus {

    private static final int MAX_NAMES = 4;

    /** Classes whose loading means an HTTP server is running in this JVM, with what to call it. */
    private static final Map<String, String> SERVER_MARKERS = Map.of(
            "org.apache.catalina.connector.Connector", "Tomcat",
            "org.eclipse.jetty.server.Server", "Jetty",
            "io.undertow.Undertow", "Undertow",
            "io.netty.handler.codec.http.HttpServerCodec", "Netty HTTP server",
            "io.vertx.core.http.impl.HttpServerImpl", "Vert.x HTTP server",
            "org.springframework.web.reactive.DispatcherHandler", "Spring WebFlux (not servlet-based)",
            "io.helidon.webserver.WebServer", "Helidon WebServer");

    private static final HookCensus GLOBAL = new HookCensus();

    private final AtomicInteger transformed = new AtomicInteger();
    private final AtomicInteger servletEntries = new AtomicInteger();
    private final AtomicInteger jdbcHooks = new AtomicInteger();
    private final List<String> servletEntryNames = new ArrayList<>();
    private final List<String> servers = new ArrayList<>();
    private final List<String> drivers = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Runnable onFirstRequest;
    private final AtomicInteger requests = new AtomicInteger();

    static HookCensus global() {
        return GLOBAL;
    }

    /** A hook was applied to {@code className}. */
    static void seen(String group, TypeInstrumentation instrumentation, String className) {
        GLOBAL.hooked(instrumentation, className);
    }

    static void seen(String group) {
        GLOBAL.transformed.incrementAndGet();
    }

    static int transformed() {
        return GLOBAL.transformed.get();
    }

    void hooked(TypeInstrumentation instrumentation, String className) {
        transformed.incrementAndGet();
        if (instrumentation instanceof ServletServiceInstrumentation || instrumentation instanceof FilterInstrumentation) {
            servletEntries.incrementAndGet();
            keep(servletEntryNames, className);
        } else if (instrumentation instanceof JdbcStatementInstrumentation
                || instrumentation instanceof JdbcConnectionInstrumentation) {
            jdbcHooks.incrementAndGet();
        }
    }

    /** Every class the JVM defines passes here by name; only a handful of exact names mean anything. */
    void defined(String className) {
        String server = SERVER_MARKERS.get(className);
        if (server != null) {
            keep(servers, server + " (" + className + ")");
        }
    }

    /**
     * Asks the class-header index whether a newly defined class is a JDBC driver (named in the warning) or a JDBC
     * connection (JDBC is really in use: a pool opened one, or the app did).
     */
    void defined(SuperTypeIndex index, ClassLoader loader, String className) {
        defined(className);
        if (Boolean.TRUE.equals(index.isConcreteSubtype(loader, className, "java.sql.Driver"))) {
            keep(drivers, className);
        } else if (Boolean.TRUE.equals(index.isConcreteSubtype(loader, className, "java.sql.Connection"))) {
            connections.incrementAndGet();
            keep(drivers, className);
        }
    }

    private static void keep(List<String> names, String name) {
        synchronized (names) {
            if (names.size() < MAX_NAMES && !names.contains(name)) {
                names.add(name);
            }
        }
    }

    /** Called at each outermost servlet entry; runs the first-request check once. */
    void firstRequest() {
        if (requests.get() == 0 && requests.getAndIncrement() == 0) {
            Runnable check = onFirstRequest;
            if (check != null) {
                check.run();
            }
        }
    }

    void onFirstRequest(Runnable check) {
        this.onFirstRequest = check;
    }

    HookGaps.Snapshot snapshot(boolean servletEnabled, boolean jdbcEnabled) {
        return new HookGaps.Snapshot(servletEnabled, jdbcEnabled, servletEntries.get(), copy(servletEntryNames),
                copy(servers), jdbcHooks.get(), connections.get(), copy(drivers), requests.get() > 0);
    }

    private static List<String> copy(List<String> names) {
        synchronized (names) {
            return List.copyOf(names);
        }
    }
}
