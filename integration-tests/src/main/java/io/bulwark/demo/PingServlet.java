package io.bulwark.demo;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/tools/ping?host=}: VULNERABLE on purpose, the host goes into a shell script
 * ({@code ; touch FILE} runs). It only echoes, so the demo needs no network; the response is the script's output.
 */
final class PingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String host = request.getParameter("host");
        if (host == null || host.isEmpty()) {
            Json.error(response, 400, "host is required");
            return;
        }
        ProcessOutput output;
        try {
            output = ProcessOutput.run(new ProcessBuilder("sh", "-c", "echo PING " + host));
        } catch (IOException e) {
            Json.error(response, 500, e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Json.error(response, 503, "interrupted");
            return;
        }
        response.setStatus(200);
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(output.text());
    }
}
