package io.bulwark.policies.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * The policy's {@code store} section.
 *
 * @param uri       {@code redis://host:port} (or {@code rediss://}, with credentials in the URI if any)
 * @param timeout   the most a request waits for Redis; a decision that takes longer is decided by {@code onFailure}
 * @param onFailure what to do with a request while Redis cannot answer
 */
public record RedisSettings(String uri, Duration timeout, FailureMode onFailure) {

    public enum FailureMode { ALLOW, DENY }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);

    public RedisSettings {
        Objects.requireNonNull(uri, "uri");
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        onFailure = onFailure == null ? FailureMode.ALLOW : onFailure;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("store timeout must be positive");
        }
    }

    /** The URI without its user info, for messages: a password in it must not reach a log. */
    public String redactedUri() {
        int scheme = uri.indexOf("://");
        int at = uri.lastIndexOf('@');
        return scheme >= 0 && at > scheme ? uri.substring(0, scheme + 3) + "***@" + uri.substring(at + 1) : uri;
    }
}
