package io.bulwark.compat.boot;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;

/** Says in {@code X-Virtual-Thread} whether a virtual thread served the request, as every compatibility app does. */
@Component
class ThreadFlagFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ((HttpServletResponse) response).setHeader("X-Virtual-Thread", virtualFlag());
        chain.doFilter(request, response);
    }

    private static String virtualFlag() {
        try {
            return String.valueOf(Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
        } catch (ReflectiveOperationException e) {
            return "false"; // compiled for Java 17, where there are no virtual threads
        }
    }
}
