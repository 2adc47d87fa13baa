package io.bulwark.policies.validation;

/**
 * A regular expression that matches in time linear in the input, whatever the input: the policy's {@code pattern}
 * runs on attacker-controlled values, and a backtracking engine ({@code java.util.regex}) can be made to take
 * exponential time by a pattern such as {@code (a+)+$} and an input such as {@code aaaa…a!}.
 *
 * <p>The matcher simulates the pattern's Thompson NFA one code point at a time (every live state advanced in lock
 * step, each state at most once per position), so the work is at most {@code programSize × inputCodePoints}, with
 * {@code programSize} capped at {@value Program#MAX_INSTRUCTIONS} instructions.
 *
 * <p><b>Full match:</b> {@link #matches} asks whether the whole value matches, as validation needs; {@code ^} and
 * {@code $} are allowed and redundant at the ends. {@code $} means the end of the input only (Java's also matches
 * before a final line break, which would let {@code "ok\n"} through).
 *
 * <p>Supported: literals, {@code .} (any code point except {@code \n} and {@code \r}), classes {@code [a-z_-]} and
 * {@code [^...]} with escapes, {@code \d \w \s \D \W \S} (ASCII, as Java's default), {@code \p{L}} / {@code \P{Lu}}
 * (Unicode general categories), {@code \t \n \r \f \e \xhh \x{h…}} and <code>&#92;uhhhh</code>, escaped punctuation, {@code ^ $ \A \z},
 * groups {@code ( )}, {@code (?: )} and {@code (?<name> )} (captures are not reported), {@code |}, quantifiers
 * {@code * + ? {m} {m,} {m,n}} (counts up to {@value PatternParser#MAX_REPEAT}) and their lazy forms, which decide
 * a full match exactly as the greedy ones do.
 *
 * <p>Refused at compile time, with the position: backreferences, lookahead and lookbehind, atomic groups,
 * possessive quantifiers, word boundaries, inline flags, nested classes and class intersection, and patterns over
 * {@value PatternParser#MAX_PATTERN_LENGTH} characters or {@value Program#MAX_INSTRUCTIONS} instructions.
 *
 * <p>Immutable and thread-safe.
 */
public final class LinearPattern {

    private final String source;
    private final Program program;

    private LinearPattern(String source, Program program) {
        this.source = source;
        this.program = program;
    }

    /** @throws PatternCompileException if the pattern is malformed, unsupported or too large */
    public static LinearPattern compile(String pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException("pattern must not be null");
        }
        return new LinearPattern(pattern, Program.compile(pattern, PatternParser.parse(pattern)));
    }

    /** Whether the whole input matches. */
    public boolean matches(CharSequence input) {
        return run(input, null);
    }

    /** The pattern as written. */
    public String pattern() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    /** Instructions in the compiled program: the bound on work per input code point. */
    int programSize() {
        return program.size();
    }

    /** For tests: the number of NFA state visits matching takes, which must grow linearly with the input. */
    long steps(CharSequence input) {
        long[] counter = new long[1];
        run(input, counter);
        return counter[0];
    }

    private boolean run(CharSequence input, long[] counter) {
        Program p = program;
        int n = input.length();
        StateSet current = new StateSet(p.size());
        StateSet next = new StateSet(p.size());
        int[] stack = new int[p.size()];
        long steps = addState(p, current, stack, 0, true, n == 0);
        int i = 0;
        while (i < n && !current.isEmpty()) {
            int cp = Character.codePointAt(input, i);
            i += Character.charCount(cp);
            boolean atEnd = i == n;
            for (int k = 0; k < current.size(); k++) {
                int pc = current.get(k);
                steps++;
                if (p.op[pc] == Program.CHARS && p.sets[pc].contains(cp)) {
                    steps += addState(p, next, stack, pc + 1, false, atEnd);
                }
            }
            StateSet swap = current;
            current = next;
            next = swap;
            next.clear();
        }
        if (counter != null) {
            counter[0] = steps;
        }
        return i == n && current.contains(p.size() - 1);
    }

    /** Adds {@code start} and everything reachable from it without consuming input; returns the states visited. */
    private static int addState(Program p, StateSet set, int[] stack, int start, boolean atBegin, boolean atEnd) {
        int visits = 0;
        int top = 0;
        stack[top++] = start;
        while (top > 0) {
            int pc = stack[--top];
            visits++;
            if (!set.add(pc)) {
                continue;
            }
            switch (p.op[pc]) {
                case Program.JUMP -> stack[top++] = p.x[pc];
                case Program.SPLIT -> {
                    stack[top++] = p.y[pc];
                    stack[top++] = p.x[pc];
                }
                case Program.BEGIN -> {
                    if (atBegin) {
                        stack[top++] = pc + 1;
                    }
                }
                case Program.END -> {
                    if (atEnd) {
                        stack[top++] = pc + 1;
                    }
                }
                default -> {
                    // CHARS waits for input; MATCH is final
                }
            }
        }
        return visits;
    }

    /** A sparse set of program counters: O(1) add, contains and clear, insertion order kept. */
    private static final class StateSet {
        private final int[] dense;
        private final int[] sparse;
        private int size;

        StateSet(int capacity) {
            dense = new int[capacity];
            sparse = new int[capacity];
        }

        boolean add(int pc) {
            if (contains(pc)) {
                return false;
            }
            dense[size] = pc;
            sparse[pc] = size++;
            return true;
        }

        boolean contains(int pc) {
            int s = sparse[pc];
            return s < size && dense[s] == pc;
        }

        int get(int k) {
            return dense[k];
        }

        int size() {
            return size;
        }

        boolean isEmpty() {
            return size == 0;
        }

        void clear() {
            size = 0;
        }
    }
}
