package io.bulwark.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JwtScrubberTest {

    @Test
    void replacesSignedTokensWhereverTheyStand() {
        String es = TestJwts.es256("alice");
        String hs = TestJwts.hs256("bob");

        String out = JwtScrubber.scrubAndCap("Bearer " + es + " and (" + hs + ")", 10_000);

        assertThat(out).isEqualTo("Bearer [REDACTED-JWT] and ([REDACTED-JWT])");
    }

    @Test
    void replacesUnsecuredAndEncryptedForms() {
        String unsecured = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.";
        String encrypted = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aXY.Y2lwaGVy.dGFn";

        assertThat(JwtScrubber.scrubAndCap("x=" + unsecured + ";", 1000)).isEqualTo("x=[REDACTED-JWT];");
        assertThat(JwtScrubber.scrubAndCap(encrypted, 1000)).isEqualTo("[REDACTED-JWT]");
    }

    @Test
    void keepsTextThatOnlyStartsLikeAToken() {
        String text = "eyJ alone, eyJhbGciOiJIUzI1NiJ9 without dots, eyJhbGciOiJIUzI1NiJ9.one-dot";

        assertThat(JwtScrubber.scrubAndCap(text, 1000)).isEqualTo(text);
    }

    @Test
    void capsWithTheCountOfWhatWasLeftOut() {
        String out = JwtScrubber.scrubAndCap("a".repeat(300), 256);

        assertThat(out).isEqualTo("a".repeat(256) + "…[+44]");
    }

    @Test
    void aTokenCutByTheCapLeavesNothingOfItselfBehind() {
        String jwt = TestJwts.es256("alice");
        String text = "x".repeat(250) + jwt;

        String out = JwtScrubber.scrubAndCap(text, 256);

        assertThat(out).isEqualTo("x".repeat(250) + "[REDACTED-JWT]");
        assertThat(out).doesNotContain("eyJ");
    }

    @Test
    void neverCutsBetweenTheHalvesOfASurrogatePair() {
        String text = "a".repeat(255) + "\uD83D\uDE00" + "tail";

        String out = JwtScrubber.scrubAndCap(text, 256);

        assertThat(out).startsWith("a".repeat(255) + "…[+");
        assertThat(out).doesNotContain("\uD83D");
    }

    @Test
    void staysLinearOnInputBuiltToMakeAScannerBacktrack() {
        // Many near-tokens that fail only at their last character; a backtracking scan would be quadratic here.
        String hostile = ("eyJ" + "A".repeat(20) + ".").repeat(100_000) + "!";
        // Candidates everywhere, each one character short of a header.
        String many = "eyJeyJeyJ.".repeat(100_000);

        long started = System.nanoTime();
        String out1 = JwtScrubber.scrubAndCap(hostile, hostile.length() + 1);
        String out2 = JwtScrubber.scrubAndCap(many, many.length() + 1);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(out1).contains("[REDACTED-JWT]");
        assertThat(out2).isEqualTo(many);
        assertThat(millis).isLessThan(2_000);
    }
}
