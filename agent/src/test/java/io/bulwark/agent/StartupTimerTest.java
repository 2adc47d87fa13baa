package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupTimerTest {

    @Test
    void aBareFlagSwitchesTimingOnAndOnlyTrueOrEmptyDo() {
        assertThat(StartupTimer.on("")).isTrue(); // -Dbulwark.debug.startup
        assertThat(StartupTimer.on("true")).isTrue();
        assertThat(StartupTimer.on("TRUE")).isTrue();
        assertThat(StartupTimer.on(null)).isFalse();
        assertThat(StartupTimer.on("false")).isFalse();
        assertThat(StartupTimer.on("0")).isFalse();
    }
}
