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

    @Test
    void threadCpuGrowsWithWorkWhereLinuxReportsIt() {
        long before = StartupTimer.threadCpuMillis();
        org.junit.jupiter.api.Assumptions.assumeTrue(before >= 0, "no /proc/thread-self/schedstat here");
        long spin = System.nanoTime() + 60_000_000L;
        long sum = 0;
        while (System.nanoTime() < spin) {
            sum += Long.numberOfTrailingZeros(sum + System.nanoTime());
        }
        assertThat(sum).isPositive();
        assertThat(StartupTimer.threadCpuMillis()).isGreaterThan(before);
    }
}
