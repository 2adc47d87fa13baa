package io.bulwark.policies.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BearerChallengeTest {

    @Test
    void missingCredentialsCarryNoErrorCode() {
        assertThat(BearerChallenge.missingCredentials("orders-api")).isEqualTo("Bearer realm=\"orders-api\"");
    }

    @Test
    void invalidTokenFollowsRfc6750() {
        assertThat(BearerChallenge.invalidToken("orders-api", AuthFailure.EXPIRED)).isEqualTo(
                "Bearer realm=\"orders-api\", error=\"invalid_token\", error_description=\"the token has expired\"");
    }

    @Test
    void insufficientScopeListsTheRequiredScopes() {
        assertThat(BearerChallenge.insufficientScope("orders-api", List.of("orders:write", "admin")))
                .startsWith("Bearer realm=\"orders-api\", error=\"insufficient_scope\"")
                .endsWith(", scope=\"orders:write admin\"");
    }

    @Test
    void nothingCanBreakOutOfTheQuotedStringOrTheHeaderLine() {
        String header = BearerChallenge.insufficientScope("x\"\r\nSet-Cookie: a=b", List.of("a\"b", "c\\d", "é"));

        assertThat(header).doesNotContain("\r").doesNotContain("\n").doesNotContain("\\").doesNotContain("é")
                .contains("realm=\"x???Set-Cookie: a=b\"").contains("scope=\"a?b c?d ?\"");
        assertThat(header.chars().filter(c -> c == '"').count()).isEqualTo(8);
    }

    @Test
    void longValuesAreCut() {
        String header = BearerChallenge.insufficientScope("r", List.of("s".repeat(10_000)));

        assertThat(header.length()).isLessThan(BearerChallenge.MAX_VALUE_LENGTH + 200);
    }
}
