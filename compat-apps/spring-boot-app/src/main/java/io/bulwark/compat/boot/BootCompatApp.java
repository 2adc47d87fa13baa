package io.bulwark.compat.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * The compatibility endpoints as a Spring Boot 3 app: embedded Tomcat 10.1, {@code JdbcTemplate} over HikariCP and
 * H2, MVC async handlers on Spring's task executor. Prints the demo's listening line once Tomcat has its port, so
 * the tests' {@code DemoProcess} can start it.
 */
@SpringBootApplication
public class BootCompatApp {

    public static void main(String[] args) {
        SpringApplication.run(BootCompatApp.class, args);
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> listeningLine() {
        return event -> {
            System.out.println("Demo listening on http://127.0.0.1:" + event.getWebServer().getPort());
            System.out.flush();
        };
    }

    /** A plain servlet beside the DispatcherServlet: the re-dispatch it starts lands in a Spring controller. */
    @Bean
    ServletRegistrationBean<AsyncDispatchServlet> asyncDispatch() {
        ServletRegistrationBean<AsyncDispatchServlet> registration =
                new ServletRegistrationBean<>(new AsyncDispatchServlet(), "/api/async/dispatch");
        registration.setAsyncSupported(true);
        return registration;
    }
}
