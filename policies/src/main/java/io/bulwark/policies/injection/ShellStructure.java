package io.bulwark.policies.injection;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges whether an occurrence of an input in a shell script changes what the script runs. Harmless: it stays
 * in literal word text, quoted or not; splitting into more words is harmless too (it only adds arguments), and so
 * are glob characters, which the design leaves to the program. An attack: it adds an operator, a redirection, a
 * substitution, an expansion, a brace expansion or a comment; it becomes a program name; or it starts a word with
 * {@code -} (option injection). Each occurrence costs O(log tokens) after one linear pass.
 */
final class ShellStructure {
    private static final int MAX_TOKENS_SHOWN = 32;

    private final ShellTokens tokens;
    private final int[] codeBefore;

    ShellStructure(ShellTokens tokens) {
        this.tokens = tokens;
        int n = tokens.size();
        this.codeBefore = new int[n + 1];
        for (int i = 0; i < n; i++) {
            codeBefore[i + 1] = codeBefore[i] + (tokens.type(i).isLiteral() ? 0 : 1);
        }
    }

    String judge(int start, int end) {
        TokenList list = tokens.list();
        int first = list.firstEndingAfter(start);
        if (first < tokens.size() && tokens.start(first) < end) {
            int last = lastStartingBefore(first, end);
            String structural = structural(first, last, start, end);
            if (structural != null) {
                return structural;
            }
        }
        if (startsOption(start, end)) {
            return "input starts an option word";
        }
        if (becomesProgram(start, end)) {
            return "input becomes the program the shell runs";
        }
        return null;
    }

    private int lastStartingBefore(int first, int end) {
        int lo = first;
        int hi = tokens.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (tokens.start(mid) < end) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private String structural(int first, int last, int start, int end) {
        // A token the app opened before the input (its own $HOME, its own $(...) ) is not the input's doing.
        int from = tokens.start(first) < start ? first + 1 : first;
        if (first == last && from > first) {
            ShellTokenType type = tokens.type(first);
            boolean inExpression = type == ShellTokenType.ARITHMETIC || type == ShellTokenType.PARAMETER_EXPANSION;
            if (inExpression && containsAny(tokens.source(), start, end, "$`()")) {
                return "input adds a substitution inside " + type;
            }
            return null;
        }
        if (codeBefore[last + 1] - codeBefore[from] == 0) {
            return null;
        }
        for (int i = from; i <= last; i++) {
            if (!tokens.type(i).isLiteral()) {
                return "input adds " + tokens.type(i) + " " + Masking.clip(tokens.text(i));
            }
        }
        return null;
    }

    private static boolean containsAny(String text, int start, int end, String chars) {
        for (int i = start; i < end; i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** A word the input starts with {@code -} and at least one more of its own characters. */
    private boolean startsOption(int start, int end) {
        int[] options = tokens.optionStartsUnsafe();
        int i = lowerBound(options, start);
        return i < options.length && options[i] < end - 1;
    }

    /** The input is a whole program name, or the file name after the app's directory ({@code "/opt/bin/" + x}). */
    private boolean becomesProgram(int start, int end) {
        int[] starts = tokens.commandWordStartsUnsafe();
        int[] ends = tokens.commandWordEndsUnsafe();
        String text = tokens.source();
        for (int i = lowerBound(starts, start); i < starts.length && starts[i] < end; i++) {
            if (ends[i] <= end && ends[i] > starts[i]) {
                return true;
            }
        }
        int containing = lowerBound(starts, start) - 1;
        if (containing >= 0 && ends[containing] > start && ends[containing] <= end && start > 0) {
            char before = text.charAt(start - 1);
            return before == '/' || before == '\\';
        }
        return false;
    }

    static int lowerBound(int[] sorted, int key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    List<String> spanned(int start, int end) {
        List<String> out = new ArrayList<>();
        int i = tokens.list().firstEndingAfter(start);
        for (; i < tokens.size() && tokens.start(i) < end && out.size() < MAX_TOKENS_SHOWN; i++) {
            out.add(tokens.describe(i));
        }
        return out;
    }
}
