package io.bulwark.policies.routes;

import java.util.List;

/**
 * The outcome of {@link PathNormalizer#normalize(String)}: either the path the route table matches against, or the
 * reason the raw path is refused. A refusal is meant to become a 400: guessing what an ambiguous path means is how
 * path-based access rules get bypassed.
 */
public sealed interface NormalizedPath {

    /**
     * @param path     the normalised path, always starting with {@code /}, never ending with one (except {@code /})
     * @param segments its decoded segments, without empty ones
     */
    record Valid(String path, List<String> segments) implements NormalizedPath {
        public Valid {
            segments = List.copyOf(segments);
        }
    }

    /** @param reason a constant sentence, safe to log and to put in a problem body; never echoes the path */
    record Rejected(String reason) implements NormalizedPath {
    }
}
