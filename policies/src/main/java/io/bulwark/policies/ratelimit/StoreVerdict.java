package io.bulwark.policies.ratelimit;

import java.util.List;

/**
 * A store's answer for one request.
 *
 * @param admitted    whether every bucket gave a token
 * @param readings    one per limit, in the order given; empty when the store could not answer
 * @param unavailable true when a shared store could not answer in time and its failure mode decided
 */
public record StoreVerdict(boolean admitted, List<BucketReading> readings, boolean unavailable) {

    /**
     * @param remaining          tokens left after this request
     * @param nanosUntilToken    0 when a token is left, else how long until the next one
     * @param nanosUntilFull     how long until the bucket is full again
     */
    public record BucketReading(long remaining, long nanosUntilToken, long nanosUntilFull) {
    }

    static StoreVerdict unavailable(boolean admitted) {
        return new StoreVerdict(admitted, List.of(), true);
    }
}
