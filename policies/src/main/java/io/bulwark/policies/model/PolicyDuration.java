package io.bulwark.policies.model;

import java.time.Duration;

/**
 * A duration as a policy writes it: a whole number and one unit ({@code 500ms}, {@code 30s}, {@code 1m},
 * {@code 1h}, {@code 1d}). One unit only, so that {@code 1m30s} is spelt {@code 90s} and nobody has to wonder how
 * {@code 1.5m} rounds.
 *
 * @param text     the text as written, for messages and the reference
 * @param duration its value
 */
public record PolicyDuration(String text, Duration duration) {

    /** Nine digits keep every unit, days included, far inside {@link Duration}'s range without overflow checks. */
    private static final int MAX_DIGITS = 9;

    public static PolicyDuration parse(String text) throws InvalidValueException {
        int digits = 0;
        while (digits < text.length() && isAsciiDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits == 0) {
            throw new InvalidValueException("duration must be a whole number and a unit (ms, s, m, h, d), like 30s");
        }
        if (digits > MAX_DIGITS) {
            throw new InvalidValueException("duration has more than " + MAX_DIGITS + " digits");
        }
        long amount = Long.parseLong(text.substring(0, digits));
        String unit = text.substring(digits);
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "" -> throw new InvalidValueException("duration needs a unit (ms, s, m, h, d), like " + text + "s");
            default -> throw new InvalidValueException("unknown duration unit; use ms, s, m, h or d");
        };
        return new PolicyDuration(text, duration);
    }

    /** For defaults written in code; a bad literal there is a programming error. */
    public static PolicyDuration of(String text) {
        try {
            return parse(text);
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public boolean isZero() {
        return duration.isZero();
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String toString() {
        return text;
    }
}
