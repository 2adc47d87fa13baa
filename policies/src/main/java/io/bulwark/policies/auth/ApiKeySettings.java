package io.bulwark.policies.auth;

import java.util.List;

/**
 * {@code authentication.apiKeys}: exactly one of {@code header} and {@code queryParam} names where the key is sent.
 */
public record ApiKeySettings(String header, String queryParam, List<ApiKey> keys) {

    public ApiKeySettings {
        if ((header == null) == (queryParam == null)) {
            throw new IllegalArgumentException("apiKeys needs exactly one of header and queryParam");
        }
        keys = List.copyOf(keys);
        long distinctIds = keys.stream().map(ApiKey::id).distinct().count();
        if (distinctIds != keys.size()) {
            throw new IllegalArgumentException("apiKeys: two keys share an id");
        }
    }
}
