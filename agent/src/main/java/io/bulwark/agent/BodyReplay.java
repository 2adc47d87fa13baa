package io.bulwark.agent;

import io.bulwark.bootstrap.Bridge;
import io.bulwark.instrumentation.servlet.ServletAccess;
import java.io.BufferedReader;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Serves a body the agent read at entry ({@link SavedBody}) to the app through the container's stream hooks and its
 * {@code getReader()}, in the bridge's encoding: {@link Bridge#READ_ON} lets the container's own method run.
 */
final class BodyReplay {

    private BodyReplay() {
    }

    /** The saved body a call on {@code stream} must serve: the serving thread's request's, else any in flight. */
    static SavedBody find(SavedBody onThisThread, Object stream) {
        if (onThisThread != null && onThisThread.stream() == stream) {
            return onThisThread;
        }
        return SavedBodies.of(stream);
    }

    static int read(SavedBody saved, byte[] buffer, int offset, int length) {
        if (saved == null || buffer == null || (offset | length) < 0 || length > buffer.length - offset) {
            return Bridge.READ_ON; // an app's bad arguments: the stream's own method refuses them as it always did
        }
        return encode(saved.read(buffer, offset, length));
    }

    static int read(SavedBody saved) {
        return saved == null ? Bridge.READ_ON : encode(saved.read());
    }

    static int read(SavedBody saved, ByteBuffer buffer) {
        return saved == null ? Bridge.READ_ON : encode(saved.read(buffer));
    }

    /** {@code question}: 0 {@code available()}, 1 {@code isFinished()}, 2 {@code isReady()}. */
    static int state(SavedBody saved, int question) {
        if (saved == null) {
            return Bridge.READ_ON;
        }
        return switch (question) {
            case 0 -> encode(saved.available());
            case 1 -> encode(saved.finished());
            default -> encode(saved.ready());
        };
    }

    /** True when the listener was served here; false leaves it to the container. */
    static boolean listen(SavedBody saved, Object stream, Object listener) {
        if (saved == null || saved.finished() == null) {
            return false; // a prefix in monitor mode: the container has the rest and calls the listener for it
        }
        return ReadListenerReplay.deliver(listener, stream.getClass().getClassLoader());
    }

    /** A reader of the saved body, or null: no body of ours, or the app itself took the stream (refusal is right). */
    static BufferedReader reader(Object request) throws Throwable {
        ServletAccess access = ServletAccess.of(request);
        if (access == null
                || !(access.attribute(request, RequestContext.ATTRIBUTE) instanceof RequestContext context)) {
            return null;
        }
        SavedBody saved = context.savedBody();
        if (saved == null || saved.readByApp()) {
            return null;
        }
        String encoding = access.characterEncoding(request);
        // the Servlet specification's default, which is also the container's when the request names none
        Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        return saved.reader(charset);
    }

    private static int encode(int result) {
        return result == SavedBody.STREAM_ANSWERS ? Bridge.READ_ON : Bridge.replay(result);
    }

    private static int encode(Boolean answer) {
        return answer == null ? Bridge.READ_ON : Bridge.replay(answer ? 1 : 0);
    }
}
