package io.bulwark.policies.auth;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeyAuthenticatorTest {

    private static final String BATCH_KEY = "bk_live_7f3a9c1e5d2b8f4a6c0e";
    private static final String OTHER_KEY = "bk_live_0000000000000000aaaa";

    private static ApiKey key(String id, String secret, Set<String> scopes) {
        return ApiKey.ofHex(id, HexFormat.of().formatHex(ApiKeyAuthenticator.sha256(secret)), scopes);
    }

    private final ApiKeySettings settings = new ApiKeySettings("X-API-Key", null, List.of(
            key("reporting-batch", BATCH_KEY, Set.of("orders:read")),
            key("ops", OTHER_KEY, Set.of("admin"))));

    @Test
    void theRightKeyAuthenticatesAsItsId() {
        AuthResult result = new ApiKeyAuthenticator(settings).authenticate(BATCH_KEY);

        assertThat(result).isInstanceOfSatisfying(AuthResult.Authenticated.class, ok -> {
            assertThat(ok.identity().subject()).isEqualTo("reporting-batch");
            assertThat(ok.identity().scopes()).containsExactly("orders:read");
            assertThat(ok.identity().method()).isEqualTo("apiKey");
        });
        assertThat(result.toString()).doesNotContain(BATCH_KEY);
    }

    @Test
    void wrongEmptyAndOversizedKeysAreRefused() {
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(settings);

        for (String wrong : new String[]{BATCH_KEY + "x", BATCH_KEY.toUpperCase(), "", "x".repeat(5000)}) {
            assertThat(authenticator.authenticate(wrong)).isEqualTo(new AuthResult.Rejected(AuthFailure.UNKNOWN_API_KEY, null));
        }
        assertThat(authenticator.authenticate(null)).isInstanceOf(AuthResult.Rejected.class);
    }

    @Test
    void aRemovedKeyIsRevoked() {
        ApiKeySettings withoutBatch = new ApiKeySettings("X-API-Key", null, List.of(key("ops", OTHER_KEY, Set.of("admin"))));

        assertThat(new ApiKeyAuthenticator(withoutBatch).authenticate(BATCH_KEY)).isInstanceOf(AuthResult.Rejected.class);
        assertThat(new ApiKeyAuthenticator(withoutBatch).authenticate(OTHER_KEY)).isInstanceOf(AuthResult.Authenticated.class);
    }

    @Test
    void settingsAreValidatedWithoutEchoingHashes() {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKey.ofHex("k", "zz".repeat(32), Set.of()))
                .withMessageContaining("'k'").withMessageNotContaining("zzzz");
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKey.ofHex("k", "ab", Set.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiKeySettings(null, null, List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiKeySettings("h", "q", List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiKeySettings("h", null,
                List.of(key("same", "a", Set.of()), key("same", "b", Set.of()))));
        assertThat(key("k", BATCH_KEY, Set.of()).toString()).doesNotContain(
                HexFormat.of().formatHex(ApiKeyAuthenticator.sha256(BATCH_KEY)));
    }
}
