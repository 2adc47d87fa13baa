package io.bulwark.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadTableTest {

    @Test
    void theSharedCorePhaseIsReportedAsTheAgentsCpuCostPerRequest() {
        String report = LoadTable.render(List.of(
                "sql\t1.1\twithout\tshared_cpu_us\t40",
                "sql\t1.1\twith\tshared_cpu_us\t44",
                "sql\t1.1\twithout\tshared_work_us\t39",
                "sql\t1.1\twith\tshared_work_us\t42",
                "sql\t1.1\twithout\tshared_jit_us\t0.5",
                "sql\t1.1\twith\tshared_jit_us\t1.5",
                "sql\t1.1\twithout\tshared_gc_us\t0.5",
                "sql\t1.1\twith\tshared_gc_us\t0.5"));

        assertThat(report)
                .contains("shared_cpu_us         40.0         44.0   ratio 1.100 [1.100..1.100], added +4.0")
                .contains("sql    shared    : 1.1: 40.0 -> 44.0")
                .contains("of that JIT threads +1.0, GC threads +0.0, the rest +3.0 [+3.0..+3.0]");
    }
}
