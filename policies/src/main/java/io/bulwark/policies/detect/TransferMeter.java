package io.bulwark.policies.detect;

/**
 * Rows and response bytes one request has taken, against its route's limits. One per request, touched only by
 * the thread running the request at the time (an async request hands over, it does not share), so no locking.
 * Each {@code count} call answers whether that very call crossed the limit, so the caller logs and blocks once.
 */
public final class TransferMeter {

    /** No limit: counting still runs, for the route baseline. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final long maxRows;
    private final long maxBytes;
    private long rows;
    private long bytes;

    /**
     * @param maxRows  rows allowed; {@link #UNLIMITED} for none
     * @param maxBytes response bytes allowed; {@link #UNLIMITED} for none
     */
    public TransferMeter(long maxRows, long maxBytes) {
        if (maxRows < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
    }

    /** Counts one row; true only for the first row beyond the limit. */
    public boolean countRow() {
        rows++;
        return rows == maxRows + 1;
    }

    /** Counts {@code n} written bytes; true only for the write that first goes beyond the limit. */
    public boolean countBytes(long n) {
        if (n <= 0) {
            return false;
        }
        long before = bytes;
        // Saturate instead of wrapping: a response that writes 2^63 bytes is still over, not negative.
        bytes = before > UNLIMITED - n ? UNLIMITED : before + n;
        return before <= maxBytes && bytes > maxBytes;
    }

    public long rows() {
        return rows;
    }

    public long bytes() {
        return bytes;
    }

    public long maxRows() {
        return maxRows;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public boolean rowsExceeded() {
        return rows > maxRows;
    }

    public boolean bytesExceeded() {
        return bytes > maxBytes;
    }
}
