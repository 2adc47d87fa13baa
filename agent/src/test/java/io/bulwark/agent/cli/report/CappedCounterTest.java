package io.bulwark.agent.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CappedCounterTest {

    @Test
    void keysBeyondTheCapAreFoldedWhileAdmittedKeysStayExact() {
        CappedCounter counter = new CappedCounter(3, 64);
        counter.add("a", 1);
        counter.add("b", 1);
        counter.add("c", 1);
        for (int i = 0; i < 1000; i++) {
            counter.add("spray-" + i, 1);
            counter.add("a", 1);
        }

        assertThat(counter.distinct()).isEqualTo(3);
        assertThat(counter.count("a")).isEqualTo(1001);
        assertThat(counter.folded()).isEqualTo(1000);
        assertThat(counter.total()).isEqualTo(2003);
        assertThat(counter.top(2)).containsExactly(new CappedCounter.Count("a", 1001), new CappedCounter.Count("b", 1));
    }

    @Test
    void longKeysAreCutAndCountedTogether() {
        CappedCounter counter = new CappedCounter(10, 8);
        counter.add("/api/very/long/1", 1);
        counter.add("/api/very/long/2", 2);

        assertThat(counter.top(5)).containsExactly(new CappedCounter.Count("/api/ve\u2026", 3));
    }
}
