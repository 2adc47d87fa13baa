package io.bulwark.policies.injection.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bulwark.policies.injection.ShellLexer;
import io.bulwark.policies.injection.ShellSyntax;
import io.bulwark.policies.injection.ShellTokens;
import io.bulwark.policies.injection.WorkCounter;

/**
 * ShellLexer on any script in every syntax. Input layout: one byte picks the syntax ({@code '0'} POSIX,
 * {@code '1'} cmd, {@code '2'} PowerShell), the rest is the script.
 */
class ShellLexerFuzzTest {
    private static final ShellSyntax[] SYNTAXES = ShellSyntax.values();

    @FuzzTest(maxDuration = "3m")
    void tokensTileTheScriptInLinearWork(byte[] data) {
        FuzzBytes in = FuzzBytes.of(data);
        ShellSyntax syntax = SYNTAXES[in.choose(SYNTAXES.length)];
        String script = in.text();

        WorkCounter work = new WorkCounter();
        ShellTokens tokens = ShellLexer.lex(script, syntax, work);

        TokenSpans.assertTile(script, tokens.size(), tokens::start, tokens::end, (text, i, end) ->
                separator(syntax, text, i, end));
        assertOptionStarts(script, tokens.optionStarts());
        // Command words nest ($(...) inside a word), so only each one's own bounds can be checked in linear time.
        if (tokens.commandWords() > tokens.size()) {
            throw new AssertionError(tokens.commandWords() + " command words from " + tokens.size() + " tokens");
        }
        for (int i = 0; i < tokens.commandWords(); i++) {
            tokens.commandWord(i);
        }
        if (work.tokensProduced() != tokens.size()) {
            throw new AssertionError("counted " + work.tokensProduced() + " tokens, produced " + tokens.size());
        }
        WorkBounds.assertAtMost(work.charsScanned(), WorkBounds.shellLexing(syntax, script.length()),
                "characters scanned lexing " + script.length() + " chars as " + syntax);
    }

    /** Blanks end a word without a token; an escaped newline joins two lines and leaves no trace either. */
    static int separator(ShellSyntax syntax, String text, int i, int end) {
        char c = text.charAt(i);
        if (c == ' ' || c == '\t' || (c == '\r' && syntax != ShellSyntax.POSIX)) {
            return 1;
        }
        char escape = syntax == ShellSyntax.POWERSHELL ? '`' : syntax == ShellSyntax.CMD ? '^' : '\\';
        return c == escape && i + 1 < end && text.charAt(i + 1) == '\n' ? 2 : 0;
    }

    private static void assertOptionStarts(String script, int[] starts) {
        int previous = -1;
        for (int start : starts) {
            if (start <= previous || start >= script.length() || script.charAt(start) != '-') {
                throw new AssertionError("option start " + start + " is out of order or not a '-'");
            }
            previous = start;
        }
    }
}
