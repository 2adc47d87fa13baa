package io.bulwark.agent;

import java.io.IOException;

/**
 * A request whose body entry may read before the app runs (routes with JSON rules). Apart from
 * {@link EntryRequest} because only the live servlet request can do it, and unit tests of other checks need not.
 */
interface BodySource {

    /**
     * Reads the body up to {@code cap + 1} bytes (enough to know it is over), keeps it for the app, and returns it.
     *
     * @param declaredLength the {@code Content-Length} entry already read, or -1: it only sizes the first buffer
     * @throws IOException when the client's body cannot be read (it went away, or sent a malformed chunk)
     */
    SavedBody saveBody(long cap, long declaredLength) throws IOException;
}
