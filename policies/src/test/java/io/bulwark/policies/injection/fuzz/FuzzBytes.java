package io.bulwark.policies.injection.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one fuzz input as a few leading choice bytes followed by UTF-8 text. Raw bytes rather than Jazzer's
 * FuzzedDataProvider keep the layout ours: a saved seed is the choice bytes and then readable SQL or shell text,
 * so seeds can be written by hand and stay meaningful across Jazzer versions.
 */
final class FuzzBytes {
    /** libFuzzer's default maximum input is 4096 bytes; texts stay in that range so each run stays fast. */
    static final int MAX_TEXT_BYTES = 8192;

    private final byte[] data;
    private int next;

    private FuzzBytes(byte[] data) {
        this.data = data == null ? new byte[0] : data;
    }

    static FuzzBytes of(byte[] data) {
        return new FuzzBytes(data);
    }

    /** The next choice byte as a number in [0, n); a missing byte reads as 0. */
    int choose(int n) {
        return next < data.length ? (data[next++] & 0xFF) % n : choiceOfMissing();
    }

    /** Two choice bytes as a number in [0, 65536). */
    int wide() {
        int high = choose(256);
        return (high << 8) | choose(256);
    }

    private int choiceOfMissing() {
        next++;
        return 0;
    }

    /** Everything after the choice bytes, decoded as UTF-8 (malformed bytes become U+FFFD). */
    String text() {
        int from = Math.min(next, data.length);
        int to = Math.min(data.length, from + MAX_TEXT_BYTES);
        next = data.length;
        return new String(Arrays.copyOfRange(data, from, to), StandardCharsets.UTF_8);
    }
}
