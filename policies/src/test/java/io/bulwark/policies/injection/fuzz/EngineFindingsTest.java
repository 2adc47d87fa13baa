package io.bulwark.policies.injection.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.policies.injection.Finding;
import io.bulwark.policies.injection.InjectionEngine;
import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.InputSource;
import io.bulwark.policies.injection.SqlDialect;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression seeds for findings in the engine, kept here until the engine is fixed (it belongs to the lead).
 * Each was found by fuzzing and failed before its fix.
 */
class EngineFindingsTest {
    /**
     * SqlTokens.masked (and ArgvStructure.masked) stop copying once the output reaches 2048 characters, and
     * Masking.clipTo adds the ellipsis only when the output is longer than that. When a masked literal's {@code ?}
     * lands exactly on character 2048, the rest of the statement is dropped without the ellipsis: the log shows a
     * complete-looking statement that ends early (here without the {@code OR ?=?} the attack added).
     */
    @Test
    void aSinkClippedRightAfterAMaskedLiteralStillSaysItWasClipped() {
        String sql = "a".repeat(2046) + " 's' OR 1=1";
        Finding finding = new InjectionEngine().checkSql(sql, SqlDialect.GENERIC,
                List.of(Input.value(InputSource.QUERY, "q", "s' OR 1=1")));
        assertThat(finding).isNotNull();
        assertThat(finding.maskedSink()).isEqualTo(FindingChecks.clipped(
                SqlMasking.expected(sql, SqlDialect.GENERIC, finding.dialect())));
    }

    /**
     * ArgvStructure.masked keeps every argument that starts with {@code -} up to its {@code =}, as an option name.
     * A value glued to a short option is part of that "name": {@code -pHunter2} (mysql, mysqldump), {@code -uroot},
     * {@code -HAuthorization: Bearer ...} (curl) reach the attack log verbatim, up to 64 characters. Found by
     * CommandCheckFuzzTest: its crash seed script-read-as-shell-options shows an argv element {@code - sec?ret...}
     * logged whole. Only a short option's first letter is a name; the rest should be masked.
     */
    @Test
    void aPasswordGluedToAnOptionStaysOutOfTheLog() {
        String[] argv = {"/usr/bin/mysqldump", "-uapp", "-pHunter2", "--result-file=/var/www/x.php", "orders"};
        Finding finding = new InjectionEngine().checkCommand(argv,
                List.of(Input.value(InputSource.QUERY, "db", "--result-file=/var/www/x.php")));
        assertThat(finding).isNotNull();
        assertThat(finding.reason()).startsWith("input starts option");
        assertThat(finding.maskedSink()).doesNotContain("Hunter2");
    }
}
