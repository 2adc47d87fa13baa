package io.bulwark.demo;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/tools/files?dir=}: lists a directory with an argv array and no shell, so shell operators are
 * inert. Still exploitable the argv way: a {@code dir} starting with {@code -} becomes an option of {@code ls}.
 */
final class FileListServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String dir = request.getParameter("dir");
        ProcessOutput output;
        try {
            output = ProcessOutput.run(new ProcessBuilder("ls", "-1", dir == null || dir.isEmpty() ? "." : dir));
        } catch (IOException e) {
            Json.error(response, 500, e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Json.error(response, 503, "interrupted");
            return;
        }
        if (output.exitCode() != 0) {
            Json.error(response, 400, output.text().strip());
            return;
        }
        List<String> files = output.text().lines().toList();
        Json.write(response, 200, Map.of("files", files));
    }
}
