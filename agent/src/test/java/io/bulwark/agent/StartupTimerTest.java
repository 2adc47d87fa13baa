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

    @Test
    void aMarkLineKeepsThePrintfLayoutScriptsRead() {
        assertThat(StartupTimer.line("policy parsed", 56_349, 180, "main", 61))
                .isEqualTo(String.format("[bulwark] startup: %-40s %6.1f ms  (at %d ms, thread %s%s)", "policy parsed",
                        56.3, 180, "main", ", its cpu so far 61 ms"));
        assertThat(StartupTimer.line("a step named longer than the forty columns it is padded to", 1_234_567, 9, "w", -1))
                .isEqualTo("[bulwark] startup: a step named longer than the forty columns it is padded to 1234.5 ms"
                        + "  (at 9 ms, thread w)");
    }
}
