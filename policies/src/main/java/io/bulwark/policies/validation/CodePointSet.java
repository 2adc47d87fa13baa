package io.bulwark.policies.validation;

import java.util.Arrays;

/**
 * A set of Unicode code points: sorted, disjoint ranges plus a mask of general categories, optionally negated.
 * Categories stay a mask (rather than being expanded into ranges) so that {@code \p{L}} costs one
 * {@link Character#getType(int)} call instead of hundreds of ranges built at compile time; because general
 * categories partition the code points, the complement of a category mask is again a category mask.
 */
final class CodePointSet {

    static final int ALL_CATEGORIES = allCategories();

    private final int[] ranges; // lo0, hi0, lo1, hi1, ... sorted, merged, inclusive
    private final int categories;
    private final boolean negated;

    private CodePointSet(int[] ranges, int categories, boolean negated) {
        this.ranges = ranges;
        this.categories = categories;
        this.negated = negated;
    }

    static CodePointSet of(int codePoint) {
        return new CodePointSet(new int[]{codePoint, codePoint}, 0, false);
    }

    boolean contains(int codePoint) {
        boolean in = inRanges(codePoint)
                || (categories != 0 && ((categories >>> Character.getType(codePoint)) & 1) != 0);
        return in != negated;
    }

    private boolean inRanges(int cp) {
        int[] r = ranges;
        if (r.length <= 16) {
            for (int i = 0; i < r.length; i += 2) {
                if (cp < r[i]) {
                    return false;
                }
                if (cp <= r[i + 1]) {
                    return true;
                }
            }
            return false;
        }
        int lo = 0;
        int hi = r.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < r[2 * mid]) {
                hi = mid - 1;
            } else if (cp > r[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static int allCategories() {
        int mask = 0;
        for (int t = 0; t <= 30; t++) {
            mask |= 1 << t;
        }
        return mask;
    }

    /** Collects ranges and categories; a class item such as {@code \D} or {@code \P{L}} adds its complement. */
    static final class Builder {
        private int[] ranges = new int[8];
        private int size;
        private int categories;

        Builder add(int lo, int hi) {
            if (size + 2 > ranges.length) {
                ranges = Arrays.copyOf(ranges, ranges.length * 2);
            }
            ranges[size++] = lo;
            ranges[size++] = hi;
            return this;
        }

        Builder addCategories(int mask) {
            categories |= mask;
            return this;
        }

        Builder addComplementOf(int[] sortedRanges) {
            int next = 0;
            for (int i = 0; i < sortedRanges.length; i += 2) {
                if (sortedRanges[i] > next) {
                    add(next, sortedRanges[i] - 1);
                }
                next = sortedRanges[i + 1] + 1;
            }
            if (next <= Character.MAX_CODE_POINT) {
                add(next, Character.MAX_CODE_POINT);
            }
            return this;
        }

        CodePointSet build(boolean negated) {
            int pairs = size / 2;
            long[] packed = new long[pairs];
            for (int i = 0; i < pairs; i++) {
                packed[i] = ((long) ranges[2 * i] << 32) | (ranges[2 * i + 1] & 0xffffffffL);
            }
            Arrays.sort(packed);
            int[] merged = new int[size];
            int n = 0;
            for (long p : packed) {
                int lo = (int) (p >> 32);
                int hi = (int) p;
                if (n > 0 && lo <= merged[n - 1] + 1) {
                    merged[n - 1] = Math.max(merged[n - 1], hi);
                } else {
                    merged[n++] = lo;
                    merged[n++] = hi;
                }
            }
            return new CodePointSet(Arrays.copyOf(merged, n), categories, negated);
        }
    }
}
