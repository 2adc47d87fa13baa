package io.bulwark.demo;

/** The path segment after a servlet's mapping, e.g. {@code 42} for {@code /api/orders/42}. */
final class PathIds {

    private PathIds() {
    }

    /** The single segment after the mapping, or null for the collection itself ({@code /api/orders}). */
    static String segment(String pathInfo) {
        if (pathInfo == null || pathInfo.equals("/")) {
            return null;
        }
        return pathInfo.substring(1);
    }

    /** The segment as an id, or null when it is not a number (the safe endpoints answer 400). */
    static Long parse(String segment) {
        try {
            return Long.valueOf(segment);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
