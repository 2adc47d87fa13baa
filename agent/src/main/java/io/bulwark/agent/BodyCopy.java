package io.bulwark.agent;

import java.util.Arrays;

/**
 * The part of the request body the app has read so far, up to the scan limit. Grows by doubling from a small start,
 * so a request with no body costs nothing and one with a small body little.
 */
final class BodyCopy {

    private final int limit;
    private byte[] bytes = new byte[0];
    private int length;
    private boolean overflowed;

    BodyCopy(long limit) {
        this.limit = (int) Math.min(limit, Integer.MAX_VALUE - 8);
    }

    void append(byte[] buffer, int offset, int count) {
        int room = limit - length;
        if (count > room) {
            overflowed = true;
            count = Math.max(room, 0);
        }
        if (count == 0) {
            return;
        }
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(length + count, Math.max(256, bytes.length * 2))));
        }
        System.arraycopy(buffer, offset, bytes, length, count);
        length += count;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** True when the app read more than the scan limit: the rest was not looked at. */
    boolean overflowed() {
        return overflowed;
    }
}
