package io.bulwark.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    /** A real line of a JIT thread: the name has a space, and the fields after it are counted from the ')'. */
    private static final String COMPILER = "4242 (C2 CompilerThre) S 4200 4200 99 0 -1 1077936192 812 0 0 0"
            + " 1234 56 0 0 20 0 30 0 987654 6000000000 9000 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1"
            + " 0 0 0 0 0";

    @Test
    void cpuIsUserPlusSystemTicksWhateverTheName() {
        assertThat(ProcStat.cpuTicks(COMPILER)).isEqualTo(1234 + 56);
        assertThat(ProcStat.name(COMPILER)).isEqualTo("C2 CompilerThre");
    }

    @Test
    void aNameWithParenthesesEndsAtTheLastOne() {
        String odd = COMPILER.replace("(C2 CompilerThre)", "(a) b (c)");

        assertThat(ProcStat.name(odd)).isEqualTo("a) b (c");
        assertThat(ProcStat.cpuTicks(odd)).isEqualTo(1290);
    }

    @Test
    void theMachineIsBusyButForIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertThat(ProcStat.machineBusyTicks("cpu  100 2 30 5000 40 1 6 7 0 0")).isEqualTo(100 + 2 + 30 + 1 + 6 + 7);
    }

    @Test
    void aLineThatIsNoStatLineIsRefused() {
        assertThatThrownBy(() -> ProcStat.cpuTicks("no parentheses here")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.machineBusyTicks("cpu0 1 2 3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void threadsAreSortedIntoJitGcAndTheRest() {
        assertThat(JvmThreadKind.of("C1 CompilerThre")).isEqualTo(JvmThreadKind.JIT);
        assertThat(JvmThreadKind.of("JVMCI CompilerT")).isEqualTo(JvmThreadKind.JIT);
        assertThat(JvmThreadKind.of("GC Thread#1")).isEqualTo(JvmThreadKind.GC);
        assertThat(JvmThreadKind.of("G1 Conc#0")).isEqualTo(JvmThreadKind.GC);
        assertThat(JvmThreadKind.of("qtp12345-17")).isEqualTo(JvmThreadKind.OTHER);
        assertThat(JvmThreadKind.of("VM Thread")).isEqualTo(JvmThreadKind.OTHER);
    }
}
