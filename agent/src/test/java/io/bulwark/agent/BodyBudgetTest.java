package io.bulwark.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The body bytes a request may still send, counted as the app reads, continuing after what entry saved. */
class BodyBudgetTest {

    @Test
    void reportsExactlyOnceOnTheReadThatPassesTheLimit() {
        BodyBudget budget = BodyBudget.after(null, 100, true);

        assertThat(budget.add(60)).isFalse();
        assertThat(budget.add(40)).as("exactly at the limit").isFalse();
        assertThat(budget.add(1)).isTrue();
        assertThat(budget.add(1_000)).isFalse();
        assertThat(budget.blocks()).isTrue();
        assertThat(budget.violation().rule()).isEqualTo("maxBodySize");
    }

    @Test
    void readsOfTheStreamContinueTheCountOfASavedBody() throws IOException {
        SavedBody saved = SavedBody.read(new ByteArrayInputStream(new byte[70]), 1_000);
        BodyBudget budget = BodyBudget.after(saved, 100, false);

        assertThat(budget.add(30)).isFalse();
        assertThat(budget.add(1)).as("70 saved + 31 read").isTrue();
    }

    @Test
    void aSavedPrefixAlreadyOverTheLimitWasJudgedAtEntryAndIsNotReportedAgain() throws IOException {
        // monitor mode let an over-cap body through: the app reads the saved prefix, then the stream's rest
        SavedBody prefix = SavedBody.read(new ByteArrayInputStream(new byte[10_000]), 100);
        BodyBudget budget = BodyBudget.after(prefix, 100, false);

        assertThat(prefix.complete()).isFalse();
        assertThat(budget.add(100)).isFalse();
        assertThat(budget.add(9_000)).isFalse();
    }
}
