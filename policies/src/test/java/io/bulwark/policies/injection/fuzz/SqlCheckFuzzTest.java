package io.bulwark.policies.injection.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bulwark.policies.injection.Finding;
import io.bulwark.policies.injection.InjectionEngine;
import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.SqlDialect;
import io.bulwark.policies.injection.WorkCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * InjectionEngine.checkSql with fuzzed SQL and inputs cut from it. Input layout: a dialect byte (as in
 * SqlLexerFuzzTest), a count byte, four bytes per input (see InputSpecs), then the SQL text.
 */
class SqlCheckFuzzTest {
    private static final SqlDialect[] DIALECTS = SqlDialect.values();
    private static final InjectionEngine ENGINE = new InjectionEngine();

    @FuzzTest(maxDuration = "3m")
    void findingsAreOccurrencesAndMaskTheirLiterals(byte[] data) {
        FuzzBytes in = FuzzBytes.of(data);
        SqlDialect dialect = DIALECTS[in.choose(DIALECTS.length)];
        InputSpecs specs = InputSpecs.read(in);
        String sql = in.text();
        List<Input> inputs = specs.over(sql);

        WorkCounter work = new WorkCounter();
        Finding finding = ENGINE.checkSql(sql, dialect, inputs, work);

        List<Input> occurring = new ArrayList<>();
        for (Input input : inputs) {
            if (InputSpecs.occursIn(sql, input)) {
                occurring.add(input);
            }
        }
        // The statement is lexed exactly when some input occurs in it: fewer would miss an attack, more would
        // mean the matcher saw an occurrence that is not there.
        if ((work.tokensProduced() > 0) != !occurring.isEmpty()) {
            throw new AssertionError(occurring.size() + " inputs occur, yet " + work.tokensProduced()
                    + " tokens were produced");
        }
        // Inputs that occur nowhere are skipped: adding or removing them never changes the verdict.
        Finding withoutAbsent = ENGINE.checkSql(sql, dialect, occurring);
        if (!Objects.equals(finding, withoutAbsent)) {
            throw new AssertionError("inputs absent from the text changed the verdict: " + finding + " vs "
                    + withoutAbsent);
        }
        if (finding != null) {
            FindingChecks.assertPointsAtAnOccurrence(finding, "sql", sql, inputs);
            if (!finding.dialect().startsWith(dialect.name().toLowerCase(Locale.ROOT))) {
                throw new AssertionError("finding names dialect " + finding.dialect() + " for " + dialect);
            }
            String expected = SqlMasking.expected(sql, dialect, finding.dialect());
            if (!FindingChecks.isClipOf(finding.maskedSink(), expected)) {
                throw new AssertionError("masked sink differs from the text with every literal replaced:\n"
                        + finding.maskedSink() + "\nexpected\n" + expected);
            }
        }
        WorkBounds.assertAtMost(work.tokensProduced(), 2L * sql.length(), "tokens produced");
        // One sketch pass, one search per input, and at most two lexings (both backslash readings).
        long budget = sql.length() + (long) inputs.size() * WorkBounds.MATCH_PER_CHAR * sql.length()
                + 2 * WorkBounds.sqlLexing(dialect, sql.length());
        WorkBounds.assertAtMost(work.charsScanned(), budget, "characters scanned checking " + inputs.size()
                + " inputs against " + sql.length() + " chars");
    }
}
