package io.bulwark.policies.model;

import java.util.List;

/**
 * One accepted API key.
 *
 * @param id     the caller's name in logs and as {@code user.id}; unique
 * @param sha256 SHA-256 of the key
 * @param scopes what the key may do
 */
public record ApiKey(@Required String id, @Required Sha256Digest sha256, List<Scope> scopes) {

    public ApiKey {
        scopes = Copies.list(scopes);
    }
}
