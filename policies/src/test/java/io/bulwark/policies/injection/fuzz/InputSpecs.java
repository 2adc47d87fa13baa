package io.bulwark.policies.injection.fuzz;

import io.bulwark.policies.injection.Input;
import io.bulwark.policies.injection.InputSource;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Request inputs derived from the sink text, so that most of them occur in it (a random string almost never
 * would). Each input takes four choice bytes: how it is made, where it starts (two bytes) and how long it is.
 */
final class InputSpecs {
    static final int MAX_INPUTS = 6;
    /** Longer than InputMatcher's short-input limit, so the Knuth-Morris-Pratt path is taken. */
    private static final int LONG_INPUT = 65;

    private enum Kind {
        /** A slice of the text: it occurs there. */
        SLICE,
        /** A slice followed by a character the text lacks: it occurs nowhere. */
        ABSENT,
        /** A slice with its letters' case swapped: SQL keywords differ only in case, the input may not occur. */
        CASE_SWAPPED,
        /** A slice long enough for the Knuth-Morris-Pratt search. */
        LONG_SLICE
    }

    private static final Kind[] KINDS = Kind.values();
    private static final InputSource[] SOURCES = InputSource.values();

    private final int[][] specs;

    private InputSpecs(int[][] specs) {
        this.specs = specs;
    }

    /** Reads the count and the specs; the text they apply to comes after them in the input. */
    static InputSpecs read(FuzzBytes in) {
        int count = 1 + in.choose(MAX_INPUTS);
        int[][] specs = new int[count][];
        for (int i = 0; i < count; i++) {
            specs[i] = new int[] {in.choose(KINDS.length), in.wide(), in.choose(256)};
        }
        return new InputSpecs(specs);
    }

    List<Input> over(String text) {
        List<Input> inputs = new ArrayList<>(specs.length);
        char absent = absentFrom(text);
        for (int i = 0; i < specs.length; i++) {
            Kind kind = KINDS[specs[i][0]];
            int start = specs[i][1] % (text.length() + 1);
            int length = kind == Kind.LONG_SLICE ? LONG_INPUT + specs[i][2] : specs[i][2];
            String slice = text.substring(start, Math.min(text.length(), start + length));
            String value;
            switch (kind) {
                case ABSENT:
                    value = slice + absent;
                    break;
                case CASE_SWAPPED:
                    value = swapCase(slice);
                    break;
                default:
                    value = slice;
            }
            inputs.add(Input.value(SOURCES[i % SOURCES.length], "p" + i, value));
        }
        return inputs;
    }

    /** The first character from U+0001 up that the text does not contain. */
    static char absentFrom(String text) {
        BitSet seen = new BitSet(Character.MAX_VALUE + 1);
        for (int i = 0; i < text.length(); i++) {
            seen.set(text.charAt(i));
        }
        return (char) seen.nextClearBit(1);
    }

    private static String swapCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return out.toString();
    }

    /** True when the engine would look for this value: non-empty and not only whitespace. */
    static boolean searchable(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                return true;
            }
        }
        return false;
    }

    static boolean occursIn(String text, Input input) {
        return searchable(input.value()) && text.contains(input.value());
    }
}
