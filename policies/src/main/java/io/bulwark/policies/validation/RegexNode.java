package io.bulwark.policies.validation;

import java.util.List;

/** The parsed form of a {@link LinearPattern}, before it is compiled into a program. */
sealed interface RegexNode {

    /** Matches one code point of the set. */
    record Chars(CodePointSet set) implements RegexNode {
    }

    record Concat(List<RegexNode> items) implements RegexNode {
    }

    record Alternation(List<RegexNode> options) implements RegexNode {
    }

    /** {@code max < 0} means unbounded. */
    record Repeat(RegexNode item, int min, int max) implements RegexNode {
    }

    record Begin() implements RegexNode {
    }

    record End() implements RegexNode {
    }

    record Empty() implements RegexNode {
    }
}
