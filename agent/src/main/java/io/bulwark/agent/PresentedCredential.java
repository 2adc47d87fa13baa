package io.bulwark.agent;

/**
 * A credential as the request carried it: {@code text.substring(from, to)}, where {@code text} is the header or
 * parameter it came in. The region, not a copy, so a token the cache already knows is never copied out of its
 * header. {@link #toString()} never shows the secret, so a stray log line or a debugger's view cannot leak it.
 */
record PresentedCredential(Kind kind, String text, int from, int to) {

    enum Kind {
        BEARER("bearer"),
        API_KEY("apiKey");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** For the log's {@code bulwark.credential}. */
        String label() {
            return label;
        }
    }

    PresentedCredential {
        java.util.Objects.checkFromToIndex(from, to, text.length());
    }

    /** The whole of {@code text}. */
    static PresentedCredential of(Kind kind, String text) {
        return new PresentedCredential(kind, text, 0, text.length());
    }

    @Override
    public String toString() {
        return kind.label() + " credential";
    }
}
