package io.bulwark.policies.auth;

import java.util.Map;
import java.util.Set;

/**
 * The authenticated caller, as the app sees it through {@code bulwark.subject}, {@code bulwark.scopes},
 * {@code bulwark.claims} and {@code getUserPrincipal()}. Immutable all the way down: one verified token's identity is
 * shared by every request that presents it (see the token cache), so no request may change it for another.
 *
 * @param subject the JWT {@code sub}, or the API key's id; null when a token has no {@code sub} and none was required
 * @param scopes  granted scopes
 * @param claims  the JWT claims as plain JSON values (String, Long/Double, Boolean, List, Map; dates as epoch
 *                seconds); empty for API keys
 * @param method  {@code jwt} or {@code apiKey}
 */
public record Identity(String subject, Set<String> scopes, Map<String, Object> claims, String method) {

    public Identity {
        scopes = Set.copyOf(scopes);
    }
}
