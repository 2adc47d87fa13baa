package io.bulwark.policies.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The bucket a request draws from under one limit: the limit's name and each key part's value, every value
 * length-prefixed so that no choice of header value can spell another client's key.
 *
 * <p>Header values are client-chosen, may be long and may be secrets (a limit keyed on {@code header:Authorization});
 * they enter the key as a SHA-256 digest, which keeps both the heap per bucket and what a heap dump shows bounded.
 * Other parts come from the resolver or authentication and are short.
 */
final class BucketKeys {

    /** Longer values than this (a pathological subject, say) are digested too. */
    static final int MAX_PLAIN_VALUE = 128;

    private BucketKeys() {
    }

    static String of(LimitSpec spec, RequestKeys request) {
        String prefix = spec.bucketKeyPrefix();
        if (spec.keyParts().size() == 1) {
            // the common shape (one key part, a short value): one concatenation, no builder to copy out of
            KeyPart part = spec.keyParts().get(0);
            String value = valueOf(part, request);
            if (value != null && part.kind() != KeyPart.Kind.HEADER && value.length() <= MAX_PLAIN_VALUE) {
                return prefix + "|" + tag(part.kind()) + value.length() + ":" + value;
            }
        }
        StringBuilder key = new StringBuilder(prefix.length() + 48);
        key.append(prefix);
        for (KeyPart part : spec.keyParts()) {
            String value = valueOf(part, request);
            if (value == null) {
                // Absent: fall back to the client IP, tagged so it cannot equal a subject that looks like an IP.
                key.append("|i");
                appendValue(key, request.ip());
            } else {
                key.append('|').append(tag(part.kind()));
                appendValue(key, part.kind() == KeyPart.Kind.HEADER ? digest(value) : value);
            }
        }
        return key.toString();
    }

    /**
     * The one value a one-part limit's key is made of, when {@link #of} would use it as it is (present, not a header,
     * short); else null. Such a key is a function of the limit and this value alone.
     */
    static String plainValue(LimitSpec spec, RequestKeys request) {
        if (spec.keyParts().size() != 1) {
            return null;
        }
        KeyPart part = spec.keyParts().get(0);
        if (part.kind() == KeyPart.Kind.HEADER) {
            return null;
        }
        String value = valueOf(part, request);
        return value != null && value.length() <= MAX_PLAIN_VALUE ? value : null;
    }

    private static String valueOf(KeyPart part, RequestKeys request) {
        return switch (part.kind()) {
            case IP -> request.ip();
            case API_KEY -> request.apiKeyId();
            case SUBJECT -> request.subject();
            case ROUTE -> request.route();
            case HEADER -> request.headers().apply(part.headerName());
        };
    }

    private static char tag(KeyPart.Kind kind) {
        return switch (kind) {
            case IP -> 'I';
            case API_KEY -> 'K';
            case SUBJECT -> 'S';
            case ROUTE -> 'R';
            case HEADER -> 'H';
        };
    }

    private static void appendValue(StringBuilder key, String value) {
        String bounded = value.length() > MAX_PLAIN_VALUE ? digest(value) : value;
        key.append(bounded.length()).append(':').append(bounded);
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "#" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
