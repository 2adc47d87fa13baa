package io.bulwark.it.support.testapps;

import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Forked by the entry-protection ITs: answers every path with {@code {"reached": true, ...}} and what the app sees of
 * the caller ({@code getUserPrincipal()} and the {@code bulwark.*} attributes), so a test can tell the agent's answer
 * from the app's. Headers up to 64 KB, so an oversized token reaches the agent rather than Jetty's 431. Prints the
 * demo's listening line, so {@code DemoProcess} can start it.
 */
public final class IdentityEchoApp {

    private IdentityEchoApp() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(64 * 1024);
        // As lenient as a container gets: ambiguous paths (%2e%2e, %2f, //, ..;) reach the servlet, so the tests see
        // what the agent makes of them rather than what Jetty's own strict default refuses first.
        config.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        context.addServlet(new ServletHolder(new EchoServlet()), "/*");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("Demo listening on http://127.0.0.1:" + connector.getLocalPort());
        System.out.flush();
        server.join();
    }

    static final class EchoServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Principal principal = request.getUserPrincipal();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("reached", true);
            body.put("path", request.getRequestURI());
            body.put("principal", principal == null ? null : principal.getName());
            body.put("subject", request.getAttribute("bulwark.subject"));
            Object scopes = request.getAttribute("bulwark.scopes");
            body.put("scopes", scopes == null ? null : scopes.toString());
            Object claims = request.getAttribute("bulwark.claims");
            body.put("claimKeys", claims instanceof Map<?, ?> map ? map.keySet().toString() : null);
            response.setStatus(200);
            response.setContentType("application/json");
            JSON.writeValue(response.getOutputStream(), body);
        }
    }
}
