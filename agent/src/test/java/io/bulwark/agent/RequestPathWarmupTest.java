package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPathWarmupTest {

    @Test
    void theSampleAttacksAreFoundSoTheWarmupRanTheRealDetectionPath() {
        // a warm-up whose samples the engines do not flag would exercise only the cheap pre-filter
        assertThat(RequestPathWarmup.run()).isTrue();
    }
}
