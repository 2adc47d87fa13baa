package io.bulwark.policies.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges whether an occurrence of an input in SQL text changes the statement's structure. Harmless: the
 * occurrence lies inside one token (a literal, an identifier, a keyword the app left room for), or it spans only
 * literals, commas and signs (a value list: {@code 1,2,3}, {@code 'a','b'}, {@code -5}), or one column followed by
 * {@code ASC}/{@code DESC}. An attack: it spans any other token, or a comment begins inside it.
 * Each occurrence is judged in O(log tokens) after at most one linear pass, so an input that occurs everywhere (a
 * single digit) costs no more than the text is long. That pass is made only when an occurrence spans several
 * tokens: the usual occurrence lies inside one literal and never needs it.
 */
final class SqlStructure {
    private static final int MAX_TOKENS_SHOWN = 32;

    private final SqlTokens tokens;
    /**
     * codeBefore[i]: how many of tokens 0..i-1 are code rather than part of a value list; built on first need.
     * Volatile because a structure may be shared between threads (SqlTextCache): a racing second build
     * computes the same array and is harmless.
     */
    private volatile int[] codeBefore;

    SqlStructure(SqlTokens tokens) {
        this.tokens = tokens;
    }

    private int[] codeBefore() {
        int[] counts = codeBefore;
        if (counts == null) {
            int n = tokens.size();
            counts = new int[n + 1];
            for (int i = 0; i < n; i++) {
                counts[i + 1] = counts[i] + (isValueListPart(i) ? 0 : 1);
            }
            codeBefore = counts;
        }
        return counts;
    }

    private boolean isValueListPart(int i) {
        SqlTokenType type = tokens.type(i);
        if (type.isLiteral()) {
            return true;
        }
        String source = tokens.source();
        if (type == SqlTokenType.PUNCTUATION) {
            return source.charAt(tokens.start(i)) == ',';
        }
        return type == SqlTokenType.OPERATOR && isUnarySign(i);
    }

    /** {@code -5}: a sign glued to the number after it, where no value precedes (else it is arithmetic). */
    private boolean isUnarySign(int i) {
        String source = tokens.source();
        char c = source.charAt(tokens.start(i));
        if ((c != '-' && c != '+') || tokens.end(i) - tokens.start(i) != 1) {
            return false;
        }
        if (i + 1 >= tokens.size() || tokens.type(i + 1) != SqlTokenType.NUMBER || tokens.start(i + 1) != tokens.end(i)) {
            return false;
        }
        if (i == 0) {
            return true;
        }
        SqlTokenType before = tokens.type(i - 1);
        boolean valueBefore = before == SqlTokenType.NUMBER || before == SqlTokenType.STRING
                || before == SqlTokenType.WORD || before == SqlTokenType.QUOTED_IDENTIFIER
                || before == SqlTokenType.PARAMETER || before == SqlTokenType.VARIABLE
                || (before == SqlTokenType.PUNCTUATION && source.charAt(tokens.start(i - 1)) == ')');
        return !valueBefore;
    }

    /** A reason sentence when the occurrence [start, end) changes structure, else null. */
    String judge(int start, int end) {
        TokenList list = tokens.list();
        int first = list.firstEndingAfter(start);
        if (first == tokens.size() || tokens.start(first) >= end) {
            return null;
        }
        int last = first;
        // Tokens never overlap and are sorted, so the last one starting before `end` is found by binary search too.
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
        last = lo;
        if (first == last) {
            SqlTokenType type = tokens.type(first);
            boolean startsInside = tokens.start(first) >= start;
            if (startsInside && type == SqlTokenType.COMMENT) {
                return "input starts a comment that hides the rest of the statement";
            }
            if (startsInside && type == SqlTokenType.EXECUTABLE_COMMENT) {
                return "input opens or closes a MySQL executable comment";
            }
            return null;
        }
        int[] counts = codeBefore();
        if (counts[last + 1] - counts[first] == 0) {
            return null;
        }
        if (last == first + 1 && isSortDirection(last) && isSortable(first)) {
            return null;
        }
        for (int i = first; i <= last; i++) {
            if (!isValueListPart(i)) {
                return "input spans " + (last - first + 1) + " tokens and adds " + tokens.type(i) + " "
                        + Masking.clip(tokens.text(i));
            }
        }
        return "input spans " + (last - first + 1) + " tokens";
    }

    private boolean isSortDirection(int i) {
        if (tokens.type(i) != SqlTokenType.WORD || tokens.end(i) - tokens.start(i) > 4) {
            return false;
        }
        String word = tokens.text(i).toUpperCase(Locale.ROOT);
        return word.equals("ASC") || word.equals("DESC");
    }

    private boolean isSortable(int i) {
        SqlTokenType type = tokens.type(i);
        return type == SqlTokenType.WORD || type == SqlTokenType.QUOTED_IDENTIFIER || type == SqlTokenType.NUMBER;
    }

    String masked() {
        return tokens.masked(Masking.MAX_SINK_CHARS);
    }

    /** The tokens [start, end) touches, described for the log. */
    List<String> spanned(int start, int end) {
        List<String> out = new ArrayList<>();
        int i = tokens.list().firstEndingAfter(start);
        for (; i < tokens.size() && tokens.start(i) < end && out.size() < MAX_TOKENS_SHOWN; i++) {
            out.add(tokens.describe(i));
        }
        return out;
    }
}
