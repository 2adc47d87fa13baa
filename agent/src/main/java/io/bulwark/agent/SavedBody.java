package io.bulwark.agent;

import io.bulwark.bootstrap.CallDepth;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/**
 * A request body read at entry, before the app ran, so a route's JSON rules could judge it; the container's stream
 * it came from is now at its end (or, for a body over the cap in monitor mode, past the saved prefix). Hook advice
 * on that stream serves these bytes first, unchanged, and only then lets the stream read on: the app sees the body
 * byte for byte, and the injection engine scans the same array (no second copy).
 *
 * <p>One reader at a time, like the stream itself; synchronized only so an async hand-off to another thread sees
 * the position.
 */
final class SavedBody {

    /** The stream itself must answer: the saved bytes are used up and the body goes on past them. */
    static final int STREAM_ANSWERS = Integer.MIN_VALUE;
    private static final int FIRST_BUFFER = 4096;

    private final Object stream;
    private final byte[] bytes;
    private final int length;
    private final boolean complete;
    private int position;
    private BufferedReader reader;

    /**
     * @param stream   the container's {@code ServletInputStream} the bytes came from
     * @param complete true when the stream reached its end within the cap
     */
    SavedBody(Object stream, byte[] bytes, int length, boolean complete) {
        this.stream = stream;
        this.bytes = bytes;
        this.length = length;
        this.complete = complete;
    }

    /**
     * Reads {@code stream} to its end, or to one byte past {@code cap} (enough to know the body is too large, and
     * never more memory than that). The body hooks stay quiet meanwhile: these reads are the agent's, not the app's.
     */
    static SavedBody read(Object stream, long cap) throws IOException {
        return read(stream, cap, -1);
    }

    /**
     * As {@link #read(Object, long)}, with the body's declared length (-1 when unknown) sizing the first buffer: a
     * 40-byte JSON body gets a 41-byte array (one spare byte to see the end), not 4 KiB. Never more than 4 KiB up
     * front whatever is declared, so a client that declares a large body and sends little holds no more memory than
     * before; a body longer than declared grows the buffer as it arrives.
     */
    static SavedBody read(Object stream, long cap, long declaredLength) throws IOException {
        int limit = (int) Math.min(cap + 1, Integer.MAX_VALUE - 16);
        InputStream in = (InputStream) stream;
        int first = declaredLength >= 0 && declaredLength < FIRST_BUFFER ? (int) declaredLength + 1 : FIRST_BUFFER;
        byte[] buffer = new byte[Math.min(limit, first)];
        int size = 0;
        boolean complete = false;
        CallDepth.BODY.increment();
        try {
            while (size < limit) {
                if (size == buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, limit));
                }
                int n = in.read(buffer, size, buffer.length - size);
                if (n < 0) {
                    complete = true;
                    break;
                }
                size += n;
            }
        } finally {
            CallDepth.BODY.decrement();
        }
        return new SavedBody(stream, buffer, size, complete && size <= cap);
    }

    Object stream() {
        return stream;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** False when the body went past the cap: only its first {@link #length()} bytes are here. */
    boolean complete() {
        return complete;
    }

    /** Whether the app has read any of the saved bytes through the stream. */
    synchronized boolean readByApp() {
        return position > 0 && reader == null;
    }

    /** As {@code InputStream.read(byte[], int, int)}, or {@link #STREAM_ANSWERS}. */
    synchronized int read(byte[] buffer, int offset, int count) {
        if (count == 0) {
            return 0;
        }
        int left = length - position;
        if (left == 0) {
            return complete ? -1 : STREAM_ANSWERS;
        }
        int n = Math.min(left, count);
        System.arraycopy(bytes, position, buffer, offset, n);
        position += n;
        return n;
    }

    /** As {@code InputStream.read()}, or {@link #STREAM_ANSWERS}. */
    synchronized int read() {
        if (position == length) {
            return complete ? -1 : STREAM_ANSWERS;
        }
        return bytes[position++] & 0xff;
    }

    /** As {@code ServletInputStream.read(ByteBuffer)}, or {@link #STREAM_ANSWERS}. */
    synchronized int read(ByteBuffer buffer) {
        int room = buffer.remaining();
        if (room == 0) {
            return 0;
        }
        int left = length - position;
        if (left == 0) {
            return complete ? -1 : STREAM_ANSWERS;
        }
        int n = Math.min(left, room);
        buffer.put(bytes, position, n);
        position += n;
        return n;
    }

    /** Bytes readable without blocking, or {@link #STREAM_ANSWERS}. */
    synchronized int available() {
        int left = length - position;
        return left == 0 && !complete ? STREAM_ANSWERS : left;
    }

    /** {@code isFinished()}: null when the stream must answer. */
    synchronized Boolean finished() {
        if (position < length) {
            return Boolean.FALSE;
        }
        return complete ? Boolean.TRUE : null;
    }

    /** {@code isReady()}: saved bytes never block; null when the stream must answer. */
    synchronized Boolean ready() {
        return position < length || complete ? Boolean.TRUE : null;
    }

    /**
     * The reader for a container whose {@code getReader()} does not read through its stream (Tomcat): it reads the
     * stream, whose hooks serve the saved bytes first. One per request, as the servlet API requires.
     */
    synchronized BufferedReader reader(Charset charset) {
        if (reader == null) {
            reader = new BufferedReader(new InputStreamReader((InputStream) stream, charset));
        }
        return reader;
    }
}
