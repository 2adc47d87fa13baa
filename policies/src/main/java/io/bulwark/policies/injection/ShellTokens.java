package io.bulwark.policies.injection;

import java.util.Arrays;

/** The tokens of one shell script, with where its option-like words and its command words are. */
public final class ShellTokens {
    private final String text;
    private final ShellSyntax syntax;
    private final TokenList tokens;
    private final int[] optionStarts;
    private final int[] commandWordStarts;
    private final int[] commandWordEnds;

    ShellTokens(String text, ShellSyntax syntax, TokenList tokens, int[] optionStarts, int[] commandWordStarts,
                int[] commandWordEnds) {
        this.text = text;
        this.syntax = syntax;
        this.tokens = tokens;
        this.optionStarts = optionStarts;
        this.commandWordStarts = commandWordStarts;
        this.commandWordEnds = commandWordEnds;
    }

    public int size() {
        return tokens.size();
    }

    public ShellTokenType type(int i) {
        return ShellTokenType.of(tokens.kind(i));
    }

    public int start(int i) {
        return tokens.start(i);
    }

    public int end(int i) {
        return tokens.end(i);
    }

    public String text(int i) {
        return text.substring(tokens.start(i), tokens.end(i));
    }

    public ShellSyntax syntax() {
        return syntax;
    }

    /** Where words that begin with {@code -} (and are more than a lone dash) begin, ascending. */
    public int[] optionStarts() {
        return optionStarts.clone();
    }

    /** How many words sit in command position: the programs the script runs. */
    public int commandWords() {
        return commandWordStarts.length;
    }

    public String commandWord(int i) {
        return text.substring(commandWordStarts[i], Math.max(commandWordStarts[i], commandWordEnds[i]));
    }

    String source() {
        return text;
    }

    TokenList list() {
        return tokens;
    }

    int[] optionStartsUnsafe() {
        return optionStarts;
    }

    int[] commandWordStartsUnsafe() {
        return commandWordStarts;
    }

    int[] commandWordEndsUnsafe() {
        return commandWordEnds;
    }

    boolean isCommandWordAt(int position) {
        return Arrays.binarySearch(commandWordStarts, position) >= 0;
    }

    /** Literal text other than program names becomes {@code ?}: arguments may carry passwords or personal data. */
    private boolean masks(int i) {
        ShellTokenType type = type(i);
        return type.isLiteral() && type != ShellTokenType.DOUBLE_QUOTE && !isCommandWordAt(tokens.start(i));
    }

    String describe(int i) {
        return type(i) + ":" + (masks(i) ? "?" : Masking.clip(text(i)));
    }

    String masked(int maxChars) {
        return Masking.maskTokens(text, tokens, this::masks, maxChars);
    }
}
