package io.bulwark.agent.log;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event ids: 16 lowercase hex digits, unique within a JVM and unlikely to repeat across JVMs.
 *
 * <p>Ids are built on request threads, also during floods, so they cost one atomic add and a few multiplications:
 * a counter with a random start (read once from {@link SecureRandom}), stepped by an odd constant and passed through
 * the SplitMix64 finaliser. The finaliser is a bijection on 64-bit values, so two calls never return the same id
 * until the counter wraps. Ids are correlation handles, not secrets: they appear in response bodies on purpose.
 */
public final class EventIds {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final AtomicLong COUNTER = new AtomicLong(new SecureRandom().nextLong());

    private EventIds() {
    }

    public static String next() {
        return toHex(mix(COUNTER.addAndGet(GOLDEN_GAMMA)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static String toHex(long value) {
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        return new String(out);
    }
}
