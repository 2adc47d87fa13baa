package io.bulwark.it.support.testapps;

import java.nio.file.Files;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** {@link BodyReadServlet} on every path of a plain embedded Tomcat 11, whose getReader bypasses its stream. */
public final class TomcatBodyEchoApp {

    private TomcatBodyEchoApp() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "body", new BodyReadServlet()).setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "body");
        tomcat.start();
        System.out.println("Demo listening on http://127.0.0.1:" + connector.getLocalPort());
        System.out.flush();
        tomcat.getServer().await();
    }
}
