package io.bulwark.policies.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * A key set that does not change while the policy is in force: a {@code file:} JWKS (re-read when the policy is
 * reloaded) or a secret handed in by the caller (from the environment or a file, never inline in the policy).
 */
public final class FixedJwksSource implements JwksSource {

    /** A JWKS file is a handful of keys; anything larger is a mistake, not a key set. */
    static final long MAX_FILE_BYTES = 1 << 20;

    private final JwkKeys keys;

    private FixedJwksSource(JwkKeys keys) {
        this.keys = keys;
    }

    /**
     * Strict: a file with any unusable key is refused, so a typo fails at start rather than as 401s in production.
     *
     * @throws JwksException naming the file and the problem
     */
    public static FixedJwksSource load(Path file) throws JwksException {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new JwksException("JWKS file " + file + " is larger than 1 MB");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JwksException("cannot read JWKS file " + file + ": " + e.getClass().getSimpleName(), e);
        }
        JWKSet set;
        try {
            set = JWKSet.parse(text);
        } catch (ParseException e) {
            // Nimbus's parse messages describe structure, not values, but keep them out anyway: a secret could be
            // the part that failed to parse.
            throw new JwksException("JWKS file " + file + " is not a valid JSON Web Key Set");
        }
        JwkKeys keys = JwkKeys.of(set);
        if (!keys.problems().isEmpty()) {
            throw new JwksException("JWKS file " + file + ": " + String.join("; ", keys.problems()));
        }
        if (keys.size() == 0) {
            throw new JwksException("JWKS file " + file + " holds no keys");
        }
        return new FixedJwksSource(keys);
    }

    public static FixedJwksSource of(JWKSet set) {
        return new FixedJwksSource(JwkKeys.of(set));
    }

    /** An HMAC secret from the environment or a secret file, as a JWKS of one {@code oct} key. */
    public static FixedJwksSource hmacSecret(String kid, byte[] secret) {
        return of(new JWKSet(new OctetSequenceKey.Builder(secret).keyID(kid).build()));
    }

    @Override
    public JwkKeys keys(long nowMillis) {
        return keys;
    }
}
