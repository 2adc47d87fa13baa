package io.bulwark.policies.ratelimit;

/**
 * One limit's state for this request's client, after the decision.
 *
 * @param limit          the limit
 * @param remaining      tokens left
 * @param nanosUntilFull time until the bucket is full again
 */
public record LimitStatus(LimitSpec limit, long remaining, long nanosUntilFull) {
}
