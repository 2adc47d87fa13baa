package io.bulwark.policies.injection;

/**
 * Finds where an input occurs in sink text. Short inputs use {@link String#indexOf(String, int)}, which the JIT
 * turns into vector instructions and which costs at most {@value #MAX_SHORT_INPUT} reads per text character; longer
 * inputs use Knuth-Morris-Pratt, so a crafted input such as {@code aaaa...ab} against {@code aaaa...a} stays linear.
 */
final class InputMatcher {
    static final int MAX_SHORT_INPUT = 64;

    private final String text;
    private final String needle;
    private final int[] failure;
    private final WorkCounter work;
    /** Where the Knuth-Morris-Pratt scan resumes, and how much of the needle it had matched there. */
    private int resumeAt = -1;
    private int resumeMatched;

    private InputMatcher(String text, String needle, WorkCounter work) {
        this.text = text;
        this.needle = needle;
        this.work = work;
        this.failure = needle.length() > MAX_SHORT_INPUT ? failureTable(needle) : null;
    }

    static InputMatcher of(String text, String needle, WorkCounter work) {
        return new InputMatcher(text, needle, work);
    }

    /** Whether {@link #indexOf} may search for {@code needle}: short needles need no matcher object. */
    static boolean isShort(String needle) {
        return needle.length() <= MAX_SHORT_INPUT;
    }

    /** The first occurrence of a short needle at or after {@code from}, or -1, without allocating. */
    static int indexOf(String text, String needle, int from, WorkCounter work) {
        if (from > text.length() - needle.length()) {
            return -1;
        }
        int at = text.indexOf(needle, from);
        if (work != null) {
            work.scanned(at < 0 ? text.length() - from : at - from + needle.length());
        }
        return at;
    }

    /** The first occurrence at or after {@code from}, or -1. Overlapping occurrences are all found. */
    int next(int from) {
        if (failure == null) {
            return indexOf(text, needle, from, work);
        }
        if (from > text.length() - needle.length()) {
            return -1;
        }
        return kmp(from);
    }

    private int kmp(int from) {
        int m = needle.length();
        int matched = 0;
        int i = from;
        if (from == resumeAt) {
            // Continuing after an occurrence: keep what already matched, or overlapping occurrences cost m each.
            matched = resumeMatched;
            i = from + m - 1;
        }
        long reads = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            reads++;
            while (matched > 0 && needle.charAt(matched) != c) {
                matched = failure[matched - 1];
                reads++;
            }
            if (needle.charAt(matched) == c) {
                matched++;
                if (matched == m) {
                    resumeAt = i - m + 2;
                    resumeMatched = failure[m - 1];
                    if (work != null) {
                        work.scanned(reads);
                    }
                    return i - m + 1;
                }
            }
        }
        if (work != null) {
            work.scanned(reads);
        }
        return -1;
    }

    private static int[] failureTable(String needle) {
        int[] table = new int[needle.length()];
        int k = 0;
        for (int i = 1; i < needle.length(); i++) {
            while (k > 0 && needle.charAt(i) != needle.charAt(k)) {
                k = table[k - 1];
            }
            if (needle.charAt(i) == needle.charAt(k)) {
                k++;
            }
            table[i] = k;
        }
        return table;
    }
}
