package io.bulwark.policies.injection;

/**
 * The work one check did, counted rather than timed: tests prove the lexers and the matcher stay linear by
 * asserting these counts on crafted worst cases, which timing on a shared machine cannot show reliably.
 * Not thread-safe; use one per check.
 */
public final class WorkCounter {
    private long charsScanned;
    private long tokensProduced;

    void scanned(long chars) {
        charsScanned += chars;
    }

    void produced(long tokens) {
        tokensProduced += tokens;
    }

    /** Characters read by the lexers and the input matcher, re-reads included. */
    public long charsScanned() {
        return charsScanned;
    }

    public long tokensProduced() {
        return tokensProduced;
    }

    @Override
    public String toString() {
        return "WorkCounter[charsScanned=" + charsScanned + ", tokensProduced=" + tokensProduced + "]";
    }
}
