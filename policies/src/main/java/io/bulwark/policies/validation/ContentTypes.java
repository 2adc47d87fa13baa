package io.bulwark.policies.validation;

import java.util.List;
import java.util.Locale;

/**
 * Matches a request's {@code Content-Type} against a route's {@code contentTypes}: on the media type alone
 * (parameters such as {@code charset} ignored), case-insensitively, with {@code type/*} and {@code *}{@code /*}
 * allowed in the policy.
 */
public final class ContentTypes {

    private final List<String> accepted;

    /** @throws IllegalArgumentException for an entry that is not {@code type/subtype} */
    public ContentTypes(List<String> accepted) {
        this.accepted = accepted.stream().map(entry -> {
            String media = mediaType(entry);
            if (media == null) {
                throw new IllegalArgumentException("content type \"" + entry + "\" is not type/subtype");
            }
            return media;
        }).toList();
    }

    /**
     * @param contentType the request's header, or {@code null}
     * @param hasBody     whether the request carries a body (a declared length above zero, or chunked); a request
     *                    without one needs no content type
     * @return a {@code contentTypes} violation, or {@code null} when accepted
     */
    public Violation check(String contentType, boolean hasBody) {
        if (accepted.isEmpty() || contentType == null && !hasBody) {
            return null;
        }
        String media = contentType == null ? null : mediaType(contentType);
        if (media != null) {
            for (int i = 0; i < accepted.size(); i++) { // indexed: no iterator per request
                String entry = accepted.get(i);
                if (entry.equals("*/*") || entry.equals(media)
                        || entry.endsWith("/*") && media.startsWith(entry.substring(0, entry.length() - 1))) {
                    return null;
                }
            }
        }
        String message = contentType == null ? "is required" : "is not one of " + String.join(", ", accepted);
        return FieldValidator.violation("header", "content-type", Violation.CONTENT_TYPES, message, contentType);
    }

    /** {@code type/subtype} in lower case, or {@code null} when malformed. */
    static String mediaType(String header) {
        int semicolon = header.indexOf(';');
        String media = (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        int slash = media.indexOf('/');
        if (slash <= 0 || slash == media.length() - 1 || media.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        for (int i = 0; i < media.length(); i++) {
            char c = media.charAt(i);
            if (c != '/' && !isTokenChar(c)) {
                return null;
            }
        }
        return media;
    }

    private static boolean isTokenChar(char c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
