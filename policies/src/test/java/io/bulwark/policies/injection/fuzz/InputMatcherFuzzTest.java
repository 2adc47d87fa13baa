package io.bulwark.policies.injection.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bulwark.policies.injection.Finding;
import io.bulwark.policies.injection.InjectionEngine;
import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.SqlDialect;
import io.bulwark.policies.injection.WorkCounter;
import java.util.List;

/**
 * The input search behind checkSql (SinkSketch's pair filter, indexOf for short inputs, Knuth-Morris-Pratt for
 * long ones) on the texts that stress it: few distinct characters, so inputs almost match everywhere and occur
 * overlapping. Input layout: a count byte and four bytes per input (see InputSpecs), then bytes that each become
 * one character of the text, from {@code a b ' space} (two bits) so the text has literals and code.
 */
class InputMatcherFuzzTest {
    private static final InjectionEngine ENGINE = new InjectionEngine();
    private static final char[] ALPHABET = {'a', 'b', '\'', ' '};

    @FuzzTest(maxDuration = "3m")
    void everyOccurrenceIsFoundInLinearWork(byte[] data) {
        FuzzBytes in = FuzzBytes.of(data);
        InputSpecs specs = InputSpecs.read(in);
        String text = alphabetText(in.text());
        List<Input> inputs = specs.over(text);

        WorkCounter work = new WorkCounter();
        Finding finding = ENGINE.checkSql(text, SqlDialect.GENERIC, inputs, work);

        boolean occurs = false;
        long searchBudget = inputs.size() >= 3 ? text.length() : 0; // the sketch pass
        for (Input input : inputs) {
            occurs |= InputSpecs.occursIn(text, input);
            int perChar = input.value().length() > 64 ? WorkBounds.KMP_PER_CHAR : 1;
            searchBudget += (long) perChar * text.length();
        }
        // A missed occurrence is a missed attack; an invented one would lex clean sinks for nothing.
        if ((work.tokensProduced() > 0) != occurs) {
            throw new AssertionError((occurs ? "an input occurs but was not found" : "no input occurs, yet the "
                    + "text was lexed") + " in " + text.length() + " chars");
        }
        if (!occurs) {
            // Without occurrences only the search ran: one pass per input, two for Knuth-Morris-Pratt.
            WorkBounds.assertAtMost(work.charsScanned(), searchBudget, "characters searched");
        }
        if (finding != null) {
            FindingChecks.assertPointsAtAnOccurrence(finding, "sql", text, inputs);
        }
    }

    /** Two bits of each byte pick a character; the alphabet keeps near-matches everywhere. */
    private static String alphabetText(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            out.append(ALPHABET[raw.charAt(i) & 3]);
        }
        return out.toString();
    }
}
