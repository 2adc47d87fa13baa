package io.bulwark.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadResultsTest {

    @Test
    void roundsWithinPairsAreComparedEachWithinItselfInNumericOrder() {
        LoadResults results = LoadResults.parse(List.of(
                "sql\t10.1\twithout\trps\t100",
                "sql\t10.1\twith\trps\t90",
                "sql\t2.10\twithout\trps\t200",
                "sql\t2.10\twith\trps\t150",
                "sql\t2.2\twithout\trps\t300",
                "sql\t2.2\twith\trps\t300",
                "sql\t3\twithout\trps\t50"));

        PairedMetric rps = results.metric("sql", "rps");

        assertThat(rps.pairs()).containsExactly("2.2", "2.10", "10.1");
        assertThat(rps.ratio().median()).isEqualTo(0.9);
        assertThat(rps.ratio().min()).isEqualTo(0.75);
    }

    @Test
    void linesWhosePairOrValueIsNotANumberAreSkipped() {
        LoadResults results = LoadResults.parse(List.of(
                "sql\tx\twithout\trps\t100",
                "sql\t1.\twith\trps\t90",
                "sql\t1\twithout\trps\t-",
                "sql\t1\twith\trps\t90"));

        assertThat(results.metric("sql", "rps").size()).isZero();
    }
}
