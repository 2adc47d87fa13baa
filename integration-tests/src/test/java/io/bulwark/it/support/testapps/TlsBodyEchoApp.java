package io.bulwark.it.support.testapps;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Forked by {@code ValidationAndTransportIT}: one app on plain HTTP and on HTTPS (the keystore the test generated,
 * {@code -Dit.keystore}, password {@code -Dit.keystorePassword}). Every path reads the whole body through the
 * servlet input stream and answers {@code reached length sha256 secure}, so a test can tell that the app ran and
 * saw the body byte for byte. Prints the listening line for {@code DemoProcess}, then {@code HTTPS port N}.
 */
public final class TlsBodyEchoApp {

    private TlsBodyEchoApp() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        HttpConfiguration plain = new HttpConfiguration();
        ServerConnector http = new ServerConnector(server, new HttpConnectionFactory(plain));
        http.setHost("127.0.0.1");
        http.setPort(0);
        server.addConnector(http);

        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(System.getProperty("it.keystore"));
        tls.setKeyStorePassword(System.getProperty("it.keystorePassword"));
        tls.setKeyStoreType("PKCS12");
        HttpConfiguration secure = new HttpConfiguration(plain);
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setSniHostCheck(false); // the test connects by IP literal
        secure.addCustomizer(customizer);
        ServerConnector https = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
            new HttpConnectionFactory(secure));
        https.setHost("127.0.0.1");
        https.setPort(0);
        server.addConnector(https);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new BodyEchoServlet()), "/*");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("Demo listening on http://127.0.0.1:" + http.getLocalPort());
        System.out.println("HTTPS port " + https.getLocalPort());
        System.out.flush();
        server.join();
    }

    static final class BodyEchoServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            long length = 0;
            byte[] buffer = new byte[4096];
            try (InputStream body = request.getInputStream()) {
                for (int n; (n = body.read(buffer, 0, buffer.length)) >= 0; ) {
                    sha.update(buffer, 0, n);
                    length += n;
                }
            }
            response.setStatus(200);
            response.setContentType("text/plain");
            response.getWriter().write("reached " + length + " " + HexFormat.of().formatHex(sha.digest()) + " "
                + request.isSecure());
        }
    }
}
