package io.bulwark.policies.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What a rate limit counts by: one part ({@code "ip"}) or several ({@code ["apiKey", "route"]}), in which case each
 * distinct combination has its own bucket.
 *
 * @param parts at least one, no repeats
 */
public record RateLimitKey(List<Part> parts) {

    public enum Kind {
        IP("ip"),
        API_KEY("apiKey"),
        SUBJECT("subject"),
        ROUTE("route"),
        HEADER("header:");

        private final String spelling;

        Kind(String spelling) {
            this.spelling = spelling;
        }
    }

    /**
     * @param kind       what to count by
     * @param headerName for {@link Kind#HEADER}, the header's name; otherwise null
     */
    public record Part(Kind kind, String headerName) {

        public static Part parse(String text) throws InvalidValueException {
            for (Kind kind : Kind.values()) {
                if (kind != Kind.HEADER && kind.spelling.equals(text)) {
                    return new Part(kind, null);
                }
            }
            if (text.startsWith(Kind.HEADER.spelling)) {
                return new Part(Kind.HEADER, HttpToken.requireHeaderName(text.substring(Kind.HEADER.spelling.length())));
            }
            throw new InvalidValueException("rate-limit key must be ip, apiKey, subject, route or header:NAME");
        }

        /** Whether this part is known before authentication runs (so the limit can run before it). */
        public boolean isPreAuthentication() {
            return kind == Kind.IP || kind == Kind.ROUTE || kind == Kind.HEADER;
        }

        @Override
        public String toString() {
            return kind == Kind.HEADER ? kind.spelling + headerName : kind.spelling;
        }
    }

    public RateLimitKey {
        parts = List.copyOf(parts);
    }

    public static RateLimitKey of(List<Part> parts) throws InvalidValueException {
        if (parts.isEmpty()) {
            throw new InvalidValueException("rate-limit key list must not be empty");
        }
        List<String> seen = new ArrayList<>();
        for (Part part : parts) {
            String spelling = part.toString().toLowerCase(java.util.Locale.ROOT);
            if (seen.contains(spelling)) {
                throw new InvalidValueException("rate-limit key lists " + part + " twice");
            }
            seen.add(spelling);
        }
        return new RateLimitKey(parts);
    }

    @Override
    public String toString() {
        return parts.size() == 1 ? parts.get(0).toString() : parts.toString();
    }
}
