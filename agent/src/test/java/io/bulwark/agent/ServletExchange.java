package io.bulwark.agent;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A servlet request and its response as a container hands them to the outermost servlet: attributes that stick, a
 * status and body the agent's answer really lands in, committed once written. Enough for {@link Gateway} to run its
 * entry, sinks and exit without a server.
 */
final class ServletExchange {

    private final String method;
    private final String path;
    private final Map<String, Object> attributes = new HashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = 200;
    private boolean committed;

    final HttpServletRequest request;
    final HttpServletResponse response;

    ServletExchange(String method, String path) {
        this.method = method;
        this.path = path;
        this.request = (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> this.method;
                    case "getRequestURI" -> this.path;
                    case "getRemoteAddr" -> "192.0.2.7";
                    case "getParameterMap" -> Map.of();
                    case "getHeaderNames", "getHeaders", "getParameterNames", "getAttributeNames" ->
                            Collections.emptyEnumeration();
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "removeAttribute" -> attributes.remove((String) args[0]);
                    case "isAsyncStarted", "isSecure" -> false;
                    case "getContentLengthLong" -> -1L;
                    case "getContentLength" -> -1;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                committed = true;
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        this.response = (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "isCommitted" -> committed;
                    case "reset" -> {
                        if (committed) {
                            throw new IllegalStateException("committed");
                        }
                        body.reset();
                        yield null;
                    }
                    case "setStatus" -> {
                        status = (Integer) args[0];
                        yield null;
                    }
                    case "getStatus" -> status;
                    case "getOutputStream" -> out;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    int status() {
        return status;
    }

    String body() {
        return body.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
