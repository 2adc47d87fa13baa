package io.bulwark.policies.validation;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Counts the bytes actually read from a body and stops at a limit, whatever {@code Content-Length} claimed: a
 * client can declare 10 bytes and send 10 MB, or send chunks with no length at all. Reading past the limit throws
 * {@link BodyTooLargeException} (an {@code IOException}, so code that reads a stream already handles it) and
 * {@link #exceeded()} stays true, so the caller can answer 413 even if the app swallowed the exception.
 * Not thread-safe: one per request body.
 */
public final class BodyLimit extends FilterInputStream {

    private final long limit;
    private long count;
    private boolean exceeded;

    /** @param limit the most bytes the body may have */
    public BodyLimit(InputStream body, long limit) {
        super(body);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        this.limit = limit;
    }

    /**
     * A violation when a declared {@code Content-Length} already says the body is too large, so the caller can
     * refuse it without reading; {@code null} otherwise (absent or within the limit: the count still decides).
     */
    public static Violation checkDeclared(long contentLength, long limit) {
        if (contentLength <= limit) {
            return null;
        }
        return tooLarge(limit);
    }

    /**
     * Reads the whole body into memory, for routes whose JSON rules must see it before the app does.
     *
     * @throws BodyTooLargeException as soon as the body passes {@code limit}; at most {@code limit + 1} bytes are
     *                               buffered
     */
    public static byte[] readAll(InputStream body, long limit) throws IOException {
        if (limit > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("limit too large to buffer");
        }
        BodyLimit limited = new BodyLimit(body, limit);
        byte[] buffer = new byte[(int) Math.min(limit + 1, 8192)];
        int size = 0;
        while (true) {
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, limit + 1));
            }
            int n = limited.read(buffer, size, buffer.length - size);
            if (n < 0) {
                return Arrays.copyOf(buffer, size);
            }
            size += n;
        }
    }

    @Override
    public int read() throws IOException {
        failIfExceeded();
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        failIfExceeded();
        // Ask for at most one byte past the limit: enough to know it was passed, never a large over-read.
        long remaining = limit - count; // >= 0 while not exceeded
        int n = super.read(b, off, remaining < len ? (int) remaining + 1 : len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        failIfExceeded();
        long remaining = limit - count;
        long skipped = super.skip(remaining < n ? remaining + 1 : n);
        if (skipped > 0) {
            count(skipped);
        }
        return skipped;
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    /** Whether the body has been seen to pass the limit. */
    public boolean exceeded() {
        return exceeded;
    }

    /** The violation to report once {@link #exceeded()} is true. */
    public Violation violation() {
        return tooLarge(limit);
    }

    private void count(long n) throws BodyTooLargeException {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw new BodyTooLargeException(limit);
        }
    }

    private void failIfExceeded() throws BodyTooLargeException {
        if (exceeded) {
            throw new BodyTooLargeException(limit);
        }
    }

    private static Violation tooLarge(long limit) {
        return new Violation("body", "content-length", Violation.MAX_BODY_SIZE,
                "body is larger than " + limit + " bytes", null);
    }

    /** The body passed its limit; the bytes past it were not (and will not be) handed on. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }
}
