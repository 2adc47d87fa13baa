package io.bulwark.agent;

/**
 * A credential as the request carried it. {@link #toString()} never shows the secret, so a stray log line or a
 * debugger's view cannot leak it.
 */
record PresentedCredential(Kind kind, String secret) {

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

    @Override
    public String toString() {
        return kind.label() + " credential";
    }
}
