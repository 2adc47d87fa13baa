package io.bulwark.agent.cli.report;

/** Bucket widths in words: {@code 5 min}, {@code 1 h}, {@code 7 d}. */
final class Durations {

    private Durations() {
    }

    static String words(long millis) {
        long seconds = millis / 1000;
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + " d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
