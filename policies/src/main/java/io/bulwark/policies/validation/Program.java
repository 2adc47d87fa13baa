package io.bulwark.policies.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled {@link LinearPattern}: instructions of a Thompson NFA. Repetition {@code {m,n}} is expanded into
 * copies, which is why the size is capped: the cap bounds both memory and the work per input code point.
 */
final class Program {

    static final int MAX_INSTRUCTIONS = 2_000;

    static final byte CHARS = 0;
    static final byte SPLIT = 1;
    static final byte JUMP = 2;
    static final byte BEGIN = 3;
    static final byte END = 4;
    static final byte MATCH = 5;

    final byte[] op;
    final int[] x;
    final int[] y;
    final CodePointSet[] sets;

    private Program(byte[] op, int[] x, int[] y, CodePointSet[] sets) {
        this.op = op;
        this.x = x;
        this.y = y;
        this.sets = sets;
    }

    int size() {
        return op.length;
    }

    static Program compile(String pattern, RegexNode root) {
        Emitter e = new Emitter(pattern);
        e.emit(root);
        e.add(MATCH, 0, 0, null);
        return e.build();
    }

    private static final class Emitter {
        private final String pattern;
        private byte[] op = new byte[32];
        private int[] x = new int[32];
        private int[] y = new int[32];
        private final List<CodePointSet> sets = new ArrayList<>();
        private int size;

        Emitter(String pattern) {
            this.pattern = pattern;
        }

        void emit(RegexNode node) {
            if (node instanceof RegexNode.Chars c) {
                add(CHARS, 0, 0, c.set());
            } else if (node instanceof RegexNode.Concat c) {
                for (RegexNode item : c.items()) {
                    emit(item);
                }
            } else if (node instanceof RegexNode.Alternation a) {
                alternation(a.options(), 0);
            } else if (node instanceof RegexNode.Repeat r) {
                repeat(r);
            } else if (node instanceof RegexNode.Begin) {
                add(BEGIN, 0, 0, null);
            } else if (node instanceof RegexNode.End) {
                add(END, 0, 0, null);
            }
            // Empty emits nothing
        }

        private void alternation(List<RegexNode> options, int from) {
            if (from == options.size() - 1) {
                emit(options.get(from));
                return;
            }
            int split = add(SPLIT, 0, 0, null);
            x[split] = size;
            emit(options.get(from));
            int jump = add(JUMP, 0, 0, null);
            y[split] = size;
            alternation(options, from + 1);
            x[jump] = size;
        }

        private void repeat(RegexNode.Repeat r) {
            for (int i = 0; i < r.min(); i++) {
                emit(r.item());
            }
            if (r.max() < 0) {
                // x*: L: split body, out; body; jump L
                int split = add(SPLIT, 0, 0, null);
                x[split] = size;
                emit(r.item());
                add(JUMP, split, 0, null);
                y[split] = size;
            } else {
                // Nested, (x(x(x)?)?)?, not x?x?x?: every skip leaves the repetition, so only one copy is live at a
                // time. The flat form lets each copy be skipped independently, which keeps up to n-m copies alive
                // at every position and made {2,30} cost ten times more per code point.
                int[] splits = new int[r.max() - r.min()];
                for (int i = 0; i < splits.length; i++) {
                    splits[i] = add(SPLIT, 0, 0, null);
                    x[splits[i]] = size;
                    emit(r.item());
                }
                for (int split : splits) {
                    y[split] = size;
                }
            }
        }

        int add(byte code, int a, int b, CodePointSet set) {
            if (size >= MAX_INSTRUCTIONS) {
                throw new PatternCompileException(pattern, 0, "too large once repetitions are expanded (over "
                        + MAX_INSTRUCTIONS + " instructions); use smaller {m,n} counts");
            }
            if (size == op.length) {
                op = Arrays.copyOf(op, size * 2);
                x = Arrays.copyOf(x, size * 2);
                y = Arrays.copyOf(y, size * 2);
            }
            op[size] = code;
            x[size] = a;
            y[size] = b;
            while (sets.size() < size) {
                sets.add(null);
            }
            sets.add(set);
            return size++;
        }

        Program build() {
            return new Program(Arrays.copyOf(op, size), Arrays.copyOf(x, size), Arrays.copyOf(y, size),
                    sets.toArray(new CodePointSet[0]));
        }
    }
}
