package io.bulwark.demo;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/tools/banner?text=} and {@code GET /api/tools/greet?name=}: VULNERABLE on purpose, the developer
 * "quoted it, so it is safe": the text goes into a shell script inside single quotes ({@code '; id; '} escapes them),
 * the name inside double quotes (which still expand {@code $(id)} and backticks). Both only echo.
 */
final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final char quote;

    /** {@code quote} is {@code '} or {@code "}. */
    EchoServlet(String parameter, char quote) {
        this.parameter = parameter;
        this.quote = quote;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String value = request.getParameter(parameter);
        if (value == null) {
            Json.error(response, 400, parameter + " is required");
            return;
        }
        ProcessOutput output;
        try {
            output = ProcessOutput.run(new ProcessBuilder("sh", "-c", "echo " + quote + value + quote));
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
