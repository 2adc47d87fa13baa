package io.bulwark.policies.model;

/**
 * Blocking clients that keep failing to authenticate.
 *
 * @param key         what failures are counted by
 * @param maxFailures failures within {@code per} that trigger a block
 * @param per         the counting window
 * @param blockFor    how long a block lasts
 */
public record BruteForceSettings(BruteForceKey key, Integer maxFailures, PolicyDuration per,
                                 PolicyDuration blockFor) {

    public static final int DEFAULT_MAX_FAILURES = 20;
    public static final PolicyDuration DEFAULT_PER = PolicyDuration.of("1m");
    public static final PolicyDuration DEFAULT_BLOCK_FOR = PolicyDuration.of("15m");

    public BruteForceSettings {
        key = key == null ? BruteForceKey.IP : key;
        maxFailures = maxFailures == null ? DEFAULT_MAX_FAILURES : maxFailures;
        per = per == null ? DEFAULT_PER : per;
        blockFor = blockFor == null ? DEFAULT_BLOCK_FOR : blockFor;
    }
}
