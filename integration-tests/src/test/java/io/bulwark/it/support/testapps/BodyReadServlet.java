package io.bulwark.it.support.testapps;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads the request body the way {@code ?via=} says and answers {@code reached LENGTH SHA256 finished=B}: through the
 * stream by {@code array} reads, {@code byte} reads, {@code readLine}, {@code readAllBytes} or a non-blocking
 * {@code listener}; or through {@code reader} (length in chars, SHA-256 of the text as UTF-8). {@code GET /ran}
 * answers how often the body was read, so a test can tell the app never ran. Plain jakarta.servlet: Jetty and Tomcat.
 */
public final class BodyReadServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private static final AtomicInteger READS = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(response, Integer.toString(READS.get()));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, jakarta.servlet.ServletException {
        if ("GET".equals(request.getMethod())) {
            super.service(request, response);
            return;
        }
        READS.incrementAndGet();
        String via = request.getParameter("via");
        if ("listener".equals(via)) {
            readAsync(request);
            return;
        }
        if ("reader".equals(via)) {
            StringBuilder text = new StringBuilder();
            BufferedReader reader = request.getReader();
            char[] chars = new char[1000];
            for (int n; (n = reader.read(chars, 0, chars.length)) >= 0; ) {
                text.append(chars, 0, n);
            }
            answer(response, "reached " + text.length() + " " + sha256(text.toString().getBytes(StandardCharsets.UTF_8))
                + " finished=" + (reader.read() < 0));
            return;
        }
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        switch (via == null ? "array" : via) {
            case "byte" -> {
                for (int b; (b = in.read()) >= 0; ) {
                    body.write(b);
                }
            }
            case "readLine" -> {
                byte[] line = new byte[7];
                for (int n; (n = in.readLine(line, 0, line.length)) > 0; ) {
                    body.write(line, 0, n);
                }
            }
            case "readAllBytes" -> body.writeBytes(in.readAllBytes());
            default -> {
                byte[] buffer = new byte[13];
                for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
                    body.write(buffer, 0, n);
                }
            }
        }
        answer(response, describe(body.toByteArray(), in.isFinished()));
    }

    private static void readAsync(HttpServletRequest request) throws IOException {
        AsyncContext async = request.startAsync();
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                byte[] buffer = new byte[512];
                while (in.isReady()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    body.write(buffer, 0, n);
                }
            }

            @Override
            public void onAllDataRead() throws IOException {
                answer((HttpServletResponse) async.getResponse(), describe(body.toByteArray(), in.isFinished()));
                async.complete();
            }

            @Override
            public void onError(Throwable t) {
                async.complete();
            }
        });
    }

    private static String describe(byte[] body, boolean finished) {
        return "reached " + body.length + " " + sha256(body) + " finished=" + finished;
    }

    private static void answer(HttpServletResponse response, String text) throws IOException {
        response.setStatus(200);
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(text);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
