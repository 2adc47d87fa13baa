package io.bulwark.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket: sends a pre-encoded request and reads one response to its
 * end (Content-Length or chunked). Plain sockets instead of java.net.http: the generator shares the machine's two
 * cores with the server it measures, and a client that allocates little per request disturbs it least.
 */
final class KeepAliveConnection implements AutoCloseable {

    private static final int MAX_LINE = 8192;

    private final InetSocketAddress address;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[MAX_LINE];
    private final byte[] sink = new byte[16384];

    KeepAliveConnection(InetSocketAddress address) {
        this.address = address;
    }

    /** Sends {@code request} and returns the response's status code; reconnects first if the last exchange failed. */
    int exchange(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(address, 5000);
        s.setSoTimeout(30_000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16384);
        out = s.getOutputStream();
    }

    private int readResponse() throws IOException {
        int length = readLine();
        if (length < 12) {
            throw new IOException("malformed status line");
        }
        int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        while ((length = readLine()) > 0) {
            if (startsWithIgnoreCase(length, "content-length:")) {
                contentLength = Long.parseLong(value(length, "content-length:".length()));
            } else if (startsWithIgnoreCase(length, "transfer-encoding:")) {
                chunked = value(length, "transfer-encoding:".length()).equalsIgnoreCase("chunked");
            } else if (startsWithIgnoreCase(length, "connection:")) {
                closeAfter = value(length, "connection:".length()).equalsIgnoreCase("close");
            }
        }
        if (chunked) {
            long chunk;
            while ((chunk = Long.parseLong(value(readLine(), 0).split(";", 2)[0].trim(), 16)) > 0) {
                skip(chunk);
                readLine();
            }
            while (readLine() > 0) {
                // trailers
            }
        } else if (contentLength > 0) {
            skip(contentLength);
        }
        if (closeAfter) {
            close();
        }
        return status;
    }

    /** Reads one CRLF-terminated line into {@link #line}; returns its length without the terminator. */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed mid-response");
            }
            if (b == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n == MAX_LINE) {
                throw new IOException("response line longer than " + MAX_LINE);
            }
            line[n++] = (byte) b;
        }
    }

    private void skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            int read = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (read < 0) {
                throw new EOFException("connection closed mid-body");
            }
            left -= read;
        }
    }

    private boolean startsWithIgnoreCase(int length, String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase(line[i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String value(int length, int from) {
        return new String(line, from, length - from, java.nio.charset.StandardCharsets.US_ASCII).trim();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
            socket = null;
        }
    }
}
