package io.bulwark.agent;

import io.bulwark.policies.auth.ApiKeyAuthenticator;
import io.bulwark.policies.auth.AuthFailure;
import io.bulwark.policies.auth.AuthResult;
import io.bulwark.policies.auth.Identity;
import io.bulwark.policies.model.ApiKey;
import io.bulwark.policies.model.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * API-key verification against the policy model's keys. The engine's {@link ApiKeyAuthenticator} wants the digest
 * bytes, which the model's {@code Sha256Digest} does not hand out (only a constant-time {@code matches}); until it
 * does, this does the same work on the model: hash once, compare with every key in constant time, never stop early.
 */
final class ApiKeyCheck {

    private record Key(ApiKey model, Identity identity) {
    }

    private final List<Key> keys;

    ApiKeyCheck(List<ApiKey> keys) {
        List<Key> built = new ArrayList<>(keys.size());
        for (ApiKey key : keys) {
            Set<String> scopes = new LinkedHashSet<>();
            for (Scope scope : key.scopes()) {
                scopes.add(scope.value());
            }
            built.add(new Key(key, new Identity(key.id(), scopes, Map.of(), "apiKey")));
        }
        this.keys = List.copyOf(built);
    }

    AuthResult authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()
                || presentedKey.length() > ApiKeyAuthenticator.MAX_KEY_LENGTH) {
            return new AuthResult.Rejected(AuthFailure.UNKNOWN_API_KEY, null);
        }
        byte[] presented = sha256(presentedKey);
        Key found = null;
        for (Key key : keys) {
            if (key.model().sha256().matches(presented) && found == null) {
                found = key;
            }
        }
        return found == null ? new AuthResult.Rejected(AuthFailure.UNKNOWN_API_KEY, null)
                : new AuthResult.Authenticated(found.identity());
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
