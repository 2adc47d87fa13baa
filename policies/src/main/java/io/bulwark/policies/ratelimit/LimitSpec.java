package io.bulwark.policies.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One named limit: a token bucket of capacity {@code burst} refilled at {@code limit} tokens per {@code period},
 * one bucket per distinct key. A class rather than a record so that what every decision needs (the Bucket4j
 * configuration, the header item) is computed once, not per request.
 */
public final class LimitSpec {

    private final String name;
    private final List<KeyPart> keyParts;
    private final long limit;
    private final Duration period;
    private final long burst;
    private final BucketConfiguration bucketConfiguration;
    private final long fullRefillNanos;
    private final String policyItem;
    /** How every bucket key of this limit starts (see {@link BucketKeys}): built once, not per request. */
    private final String bucketKeyPrefix;
    private final boolean keyedByIpOnly;

    /**
     * @param burst the bucket's capacity; 0 means {@code limit}
     * @throws IllegalArgumentException when a value is out of range
     */
    public LimitSpec(String name, List<KeyPart> keyParts, long limit, Duration period, long burst) {
        if (name == null || name.isEmpty() || name.length() > 64 || !isPlainName(name)) {
            throw new IllegalArgumentException("rate limit name '" + name
                    + "' must be 1 to 64 printable ASCII characters without spaces, quotes or backslashes");
        }
        if (keyParts == null || keyParts.isEmpty()) {
            throw new IllegalArgumentException("rate limit '" + name + "' needs a key");
        }
        if (limit < 1 || limit > 1_000_000_000L) {
            throw new IllegalArgumentException("rate limit '" + name + "': limit must be between 1 and 10^9");
        }
        if (period == null || period.toMillis() < 1 || period.compareTo(Duration.ofDays(366)) > 0) {
            throw new IllegalArgumentException("rate limit '" + name + "': period must be between 1ms and 366d");
        }
        if (burst < 0 || burst > 1_000_000_000L) {
            throw new IllegalArgumentException("rate limit '" + name + "': burst must be between 1 and 10^9");
        }
        this.name = name;
        this.keyParts = List.copyOf(keyParts);
        this.limit = limit;
        this.period = period;
        this.burst = burst == 0 ? limit : burst;
        this.bucketConfiguration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(this.burst).refillGreedy(limit, period).build())
                .build();
        // burst * period / limit, in double: the product can exceed a long for day-long periods.
        this.fullRefillNanos = (long) Math.ceil((double) this.burst * period.toNanos() / limit);
        this.policyItem = RateLimitHeaders.policyItem(name, limit, period);
        this.bucketKeyPrefix = name.length() + ":" + name;
        this.keyedByIpOnly = keyedByIpOnly(this.keyParts);
    }

    // Loops rather than streams here and below: a limit is built in premain, where a stream pipeline's classes and
    // each lambda's generated class are loaded for two checks over a few characters.
    private static boolean isPlainName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static boolean keyedByIpOnly(List<KeyPart> parts) {
        for (KeyPart part : parts) {
            if (part.kind() != KeyPart.Kind.IP) {
                return false;
            }
        }
        return true;
    }

    /** The policy's form: {@code key} is one string or a list of them, {@code burst} may be null. */
    public static LimitSpec of(String name, List<String> key, long limit, Duration period, Long burst) {
        List<KeyPart> parts = new ArrayList<>(key == null ? 0 : key.size());
        if (key != null) {
            for (String part : key) {
                parts.add(KeyPart.parse(part));
            }
        }
        return new LimitSpec(name, parts, limit, period, burst == null ? 0 : burst);
    }

    public String name() {
        return name;
    }

    String bucketKeyPrefix() {
        return bucketKeyPrefix;
    }

    public List<KeyPart> keyParts() {
        return keyParts;
    }

    public long limit() {
        return limit;
    }

    public Duration period() {
        return period;
    }

    public long burst() {
        return burst;
    }

    /** True when the key is the client IP alone: such limits can run before authentication. */
    public boolean keyedByIpOnly() {
        return keyedByIpOnly;
    }

    BucketConfiguration bucketConfiguration() {
        return bucketConfiguration;
    }

    /** How long an untouched bucket takes to fill up; idle that long, it equals a fresh one. */
    long fullRefillNanos() {
        return fullRefillNanos;
    }

    /** How long {@code tokens} take to come back; for the {@code t} header, where a nanosecond more or less is moot. */
    long nanosToRefill(long tokens) {
        return tokens <= 0 ? 0 : (long) Math.ceil((double) tokens * period.toNanos() / limit);
    }

    String policyItem() {
        return policyItem;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LimitSpec that && limit == that.limit && burst == that.burst && name.equals(that.name)
                && keyParts.equals(that.keyParts) && period.equals(that.period);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, keyParts, limit, period, burst);
    }

    @Override
    public String toString() {
        return name + keyParts + ": " + limit + " per " + period + ", burst " + burst;
    }
}
