package io.bulwark.policies.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code authentication.bruteForce}.
 *
 * @param key         what failures are counted per
 * @param maxFailures the failure that brings a key's count within one window to this number starts its block, so a
 *                    client gets at most this many failed attempts per window
 * @param per         the window; it starts at a key's first failure (a fixed window, not a sliding one)
 * @param blockFor    how long a block lasts
 * @param maxTracked  how many keys are remembered at once; beyond it the least useful entries are dropped, so a
 *                    client spraying addresses cannot grow the heap
 */
public record BruteForceSettings(Key key, int maxFailures, Duration per, Duration blockFor, int maxTracked) {

    /**
     * {@code SUBJECT} counts only failures whose subject is trustworthy (a correctly signed but expired or
     * wrong-audience token): an unverified {@code sub} is attacker-chosen and would let anyone lock out anyone.
     * {@code IP_AND_SUBJECT} counts each separately, so one address trying many callers and one caller tried from
     * many addresses are both stopped.
     */
    public enum Key { IP, SUBJECT, IP_AND_SUBJECT }

    public static final int DEFAULT_MAX_TRACKED = 100_000;

    public BruteForceSettings {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("bruteForce.maxFailures must be at least 1");
        }
        if (per.isNegative() || per.isZero() || blockFor.isNegative() || blockFor.isZero()) {
            throw new IllegalArgumentException("bruteForce.per and bruteForce.blockFor must be positive");
        }
        if (maxTracked < 1) {
            throw new IllegalArgumentException("bruteForce needs room for at least one key");
        }
    }

    public BruteForceSettings(Key key, int maxFailures, Duration per, Duration blockFor) {
        this(key, maxFailures, per, blockFor, DEFAULT_MAX_TRACKED);
    }

    /**
     * The guard keys one request counts under: {@code ip:ADDRESS} and/or {@code subject:NAME}.
     *
     * @param subject the trustworthy subject, or null when none is known
     */
    public List<String> keysFor(String clientIp, String subject) {
        List<String> keys = new ArrayList<>(2);
        if (key != Key.SUBJECT && clientIp != null) {
            keys.add("ip:" + clientIp);
        }
        if (key != Key.IP && subject != null) {
            keys.add("subject:" + subject);
        }
        return keys;
    }
}
