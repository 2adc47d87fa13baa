package io.bulwark.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/noop}: answers a fixed two-byte body and does nothing else. The load benchmark's baseline
 * endpoint: whatever the agent adds to it is the agent's own cost at entry and exit.
 */
final class NoopServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("text/plain");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }
}
