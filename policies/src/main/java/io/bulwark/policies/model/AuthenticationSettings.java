package io.bulwark.policies.model;

/**
 * How callers prove who they are.
 *
 * @param realm      the {@code realm} of {@code WWW-Authenticate} challenges; null leaves it out
 * @param jwt        bearer-token verification; null when tokens are not accepted
 * @param apiKeys    API-key verification; null when keys are not accepted
 * @param bruteForce blocking of clients that keep presenting bad credentials; null when off
 */
public record AuthenticationSettings(String realm, JwtSettings jwt, ApiKeySettings apiKeys,
                                     BruteForceSettings bruteForce) {

    /** Whether any credential can be verified at all. */
    public boolean acceptsCredentials() {
        return jwt != null || apiKeys != null;
    }
}
