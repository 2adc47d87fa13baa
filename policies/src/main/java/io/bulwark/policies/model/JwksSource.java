package io.bulwark.policies.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where the JWT verification keys come from: a file ({@code file:jwks.json}, relative to the policy file) or an
 * {@code https://} URL. Never the keys themselves: secrets do not sit inline in a policy, and plain {@code http}
 * would let anyone on the path substitute keys.
 */
public sealed interface JwksSource {

    record File(String path) implements JwksSource {
        /** The file, relative paths taken from the policy file's directory (the working directory if none). */
        public Path resolve(Path policyDirectory) {
            return policyDirectory.resolve(path).normalize();
        }

        @Override
        public String toString() {
            return "file:" + path;
        }
    }

    record Https(URI uri) implements JwksSource {
        @Override
        public String toString() {
            return uri.toString();
        }
    }

    static JwksSource parse(String text) throws InvalidValueException {
        if (text.startsWith("file:")) {
            String path = text.substring("file:".length());
            if (path.isEmpty() || path.startsWith("//")) {
                throw new InvalidValueException("jwks file must be file:PATH, like file:jwks.json or "
                        + "file:/etc/bulwark/jwks.json");
            }
            try {
                Path.of(path);
            } catch (InvalidPathException e) {
                throw new InvalidValueException("jwks file is not a valid path");
            }
            return new File(path);
        }
        if (text.startsWith("https://")) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new InvalidValueException("jwks is not a valid URL");
            }
            if (uri.getHost() == null) {
                throw new InvalidValueException("jwks URL has no host");
            }
            if (uri.getRawUserInfo() != null) {
                throw new InvalidValueException("jwks URL must not carry credentials; secrets never sit inline "
                        + "in the policy");
            }
            return new Https(uri);
        }
        if (text.trim().startsWith("{")) {
            throw new InvalidValueException("jwks must not be inline; put the keys in a file and write file:PATH");
        }
        throw new InvalidValueException("jwks must be file:PATH or an https:// URL");
    }
}
