package io.bulwark.policies.injection.fuzz;

import io.bulwark.policies.injection.Finding;
import io.bulwark.policies.injection.Input;
import java.util.List;

/** What every Finding must satisfy whatever the text: it points at a real occurrence of one of the inputs. */
final class FindingChecks {
    /** Masking.MAX_SINK_CHARS: a masked sink is clipped there and marked with an ellipsis. */
    static final int MAX_SINK_CHARS = 2048;
    private static final int MAX_TOKENS_SHOWN = 32;

    private FindingChecks() {
    }

    static void assertPointsAtAnOccurrence(Finding finding, String kind, String text, List<Input> inputs) {
        if (!kind.equals(finding.kind())) {
            throw new AssertionError("kind " + finding.kind() + ", expected " + kind);
        }
        if (!containsSame(inputs, finding.input())) {
            throw new AssertionError("the finding names an input that was not passed in");
        }
        String value = finding.input().value();
        int start = finding.start();
        int end = finding.end();
        if (start < 0 || end > text.length() || end - start != value.length()
                || !text.regionMatches(start, value, 0, value.length())) {
            throw new AssertionError("finding range [" + start + ", " + end + ") in " + text.length()
                    + " chars is not an occurrence of its input's " + value.length() + "-char value");
        }
        if (finding.reason() == null || finding.reason().isEmpty() || finding.dialect() == null) {
            throw new AssertionError("a finding must say why and in which language");
        }
        if (finding.tokens().isEmpty() || finding.tokens().size() > MAX_TOKENS_SHOWN) {
            throw new AssertionError(finding.tokens().size() + " tokens shown; 1.." + MAX_TOKENS_SHOWN + " expected");
        }
        if (finding.maskedSink().length() > MAX_SINK_CHARS + 1) {
            throw new AssertionError("masked sink of " + finding.maskedSink().length() + " chars is not bounded");
        }
    }

    private static boolean containsSame(List<Input> inputs, Input input) {
        for (Input candidate : inputs) {
            if (candidate == input) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code actual} is {@code full} as the log should clip it. */
    static boolean isClipOf(String actual, String full) {
        return actual.equals(clipped(full));
    }

    /** How the log clips a masked text: the first MAX_SINK_CHARS characters and an ellipsis. */
    static String clipped(CharSequence full) {
        return full.length() <= MAX_SINK_CHARS ? full.toString() : full.subSequence(0, MAX_SINK_CHARS) + "…";
    }
}
