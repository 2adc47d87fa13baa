package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.agent.metrics.DenialReason;
import io.bulwark.policies.validation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the problem types the denial counters are keyed by: a renamed type would otherwise count as "other". */
class DenialReasonMappingTest {

    @Test
    void everyEntryRefusalMapsToItsOwnReason() {
        assertThat(reason(ProblemResponse.rateLimited("1", null, null, "e"))).isEqualTo(DenialReason.RATE_LIMITED);
        assertThat(reason(ProblemResponse.rateLimitStoreUnavailable("1", "e")))
                .isEqualTo(DenialReason.RATE_LIMIT_UNAVAILABLE);
        assertThat(reason(ProblemResponse.clientBlocked(5, "e"))).isEqualTo(DenialReason.BRUTE_FORCE_BLOCKED);
        assertThat(reason(ProblemResponse.unauthorized("Bearer", "d", "e"))).isEqualTo(DenialReason.UNAUTHENTICATED);
        assertThat(reason(ProblemResponse.insufficientScope("Bearer", "e")))
                .isEqualTo(DenialReason.INSUFFICIENT_SCOPE);
        assertThat(reason(ProblemResponse.authenticationUnavailable("e")))
                .isEqualTo(DenialReason.AUTHENTICATION_UNAVAILABLE);
        assertThat(reason(ProblemResponse.httpsRequired("e"))).isEqualTo(DenialReason.HTTPS_REQUIRED);
        assertThat(reason(ProblemResponse.redirectToHttps("https://x/", "e"))).isEqualTo(DenialReason.HTTPS_REQUIRED);
        assertThat(reason(ProblemResponse.invalidInput(
                List.of(new Violation("query", "id", "type", "must be an integer", "x")), "e"))).isEqualTo(DenialReason.INVALID_INPUT);
        assertThat(reason(ProblemResponse.badPath("dot segments", "e"))).isEqualTo(DenialReason.INVALID_PATH);
        assertThat(reason(ProblemResponse.entryFailed())).isEqualTo(DenialReason.PROTECTION_ERROR);
    }

    @Test
    void everyRefusalWhileTheAppRunsMapsToItsOwnReason() {
        assertThat(reason(ProblemResponse.bodyTooLarge("e"))).isEqualTo(DenialReason.BODY_TOO_LARGE);
        assertThat(reason(ProblemResponse.forBlock(ProblemResponse.BODY_TOO_LARGE, "e")))
                .isEqualTo(DenialReason.BODY_TOO_LARGE);
        assertThat(reason(DataTransferGuard.refusal("e"))).isEqualTo(DenialReason.DATA_TRANSFER);
    }

    @Test
    void typesThatAreNotTheAgentsCountAsOther() {
        assertThat(DenialReason.ofProblemType(null)).isEqualTo(DenialReason.OTHER);
        assertThat(DenialReason.ofProblemType("urn:bulwark:problem:rate-limited-x")).isEqualTo(DenialReason.OTHER);
        assertThat(DenialReason.ofProblemType("urn:bulwark:problem:")).isEqualTo(DenialReason.OTHER);
        assertThat(DenialReason.ofProblemType("about:blank")).isEqualTo(DenialReason.OTHER);
    }

    private static DenialReason reason(ProblemResponse response) {
        return DenialReason.ofProblemType(response.type());
    }
}
