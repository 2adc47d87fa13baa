package io.bulwark.agent.cli.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding them: the JSON parser reads UTF-8 bytes directly, so decoding
 * here would only cost time. A line longer than {@code maxLineBytes} is not buffered (memory stays bounded whatever
 * the file holds): it is reported once as oversized and its remaining bytes are skipped up to the next newline.
 */
final class LineSplitter {

    /** What {@link #next()} found. */
    enum Line { TEXT, OVERSIZED, END }

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buffer;
    private int start;
    private int limit;
    private boolean eof;
    private int lineStart;
    private int lineLength;

    LineSplitter(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.buffer = new byte[Math.min(64 * 1024, maxLineBytes + 1)];
    }

    /** Advances to the next line; for {@link Line#TEXT} its bytes are {@link #bytes()} from {@link #offset()}. */
    Line next() throws IOException {
        int scanFrom = start;
        while (true) {
            for (int i = scanFrom; i < limit; i++) {
                if (buffer[i] == '\n') {
                    return take(i, i + 1);
                }
            }
            if (eof) {
                if (start == limit) {
                    return Line.END;
                }
                // A last line without its newline: the writer may have stopped mid-line (a crash, a full disk).
                return take(limit, limit);
            }
            if (limit - start > maxLineBytes) {
                skipRestOfLine();
                return Line.OVERSIZED;
            }
            int scanned = limit - start;
            fill();
            scanFrom = start + scanned;
        }
    }

    byte[] bytes() {
        return buffer;
    }

    int offset() {
        return lineStart;
    }

    int length() {
        return lineLength;
    }

    private Line take(int end, int next) {
        lineStart = start;
        lineLength = end - start;
        if (lineLength > 0 && buffer[end - 1] == '\r') {
            lineLength--;
        }
        start = next;
        return Line.TEXT;
    }

    /** Moves the partial line to the front (or grows the buffer up to the cap) and reads more. */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, limit - start);
            limit -= start;
            start = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxLineBytes + 1));
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private void skipRestOfLine() throws IOException {
        start = limit = 0;
        while (true) {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                eof = true;
                return;
            }
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    start = i + 1;
                    limit = n;
                    return;
                }
            }
        }
    }
}
