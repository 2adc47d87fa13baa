package io.bulwark.policies.model;

import java.util.List;

/**
 * API-key verification. The key travels in a header or, for clients that cannot set one, a query parameter (which
 * ends up in access logs, hence not the default); never both, so there is one place to look.
 *
 * @param header     the header carrying the key; {@code X-API-Key} when neither is set
 * @param queryParam the query parameter carrying the key
 * @param keys       the accepted keys; a key is revoked by removing it
 */
public record ApiKeySettings(String header, String queryParam, List<ApiKey> keys) {

    public static final String DEFAULT_HEADER = "X-API-Key";

    public ApiKeySettings {
        header = header == null && queryParam == null ? DEFAULT_HEADER : header;
        keys = Copies.list(keys);
    }
}
