package io.bulwark.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The saved bodies of requests in flight, by the container stream they replace. The serving thread finds its
 * request's body through its context; this index serves reads on threads the agent did not bind (an app's own
 * executor). Bounded by the requests in flight on JSON-validated routes: each entry leaves when its request closes.
 */
final class SavedBodies {

    private static final Map<StreamKey, SavedBody> BY_STREAM = new ConcurrentHashMap<>();

    private SavedBodies() {
    }

    /** Identity, not equals: a stream class may define equality, and containers recycle streams across requests. */
    private record StreamKey(Object stream) {
        @Override
        public boolean equals(Object other) {
            return other instanceof StreamKey key && key.stream == stream;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(stream);
        }
    }

    static void add(SavedBody body) {
        BY_STREAM.put(new StreamKey(body.stream()), body);
    }

    static void remove(SavedBody body) {
        BY_STREAM.remove(new StreamKey(body.stream()), body);
    }

    /** The saved body a read on {@code stream} must serve, or null; free when no such body is in flight. */
    static SavedBody of(Object stream) {
        return BY_STREAM.isEmpty() ? null : BY_STREAM.get(new StreamKey(stream));
    }

    static int size() {
        return BY_STREAM.size();
    }
}
