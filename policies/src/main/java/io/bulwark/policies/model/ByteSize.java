package io.bulwark.policies.model;

/**
 * A size as a policy writes it: a whole number and one unit, {@code B}, {@code KB}, {@code MB} or {@code GB}.
 * Units are binary (1KB = 1024 bytes), as in most server configuration; the reference says so.
 *
 * @param text  the text as written
 * @param bytes its value in bytes
 */
public record ByteSize(String text, long bytes) {

    /** Twelve digits of GB is still far below {@link Long#MAX_VALUE}, so no overflow checks are needed. */
    private static final int MAX_DIGITS = 12;

    public static ByteSize parse(String text) throws InvalidValueException {
        int digits = 0;
        while (digits < text.length() && PolicyDuration.isAsciiDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits == 0) {
            throw new InvalidValueException("size must be a whole number and a unit (B, KB, MB, GB), like 64KB");
        }
        if (digits > MAX_DIGITS) {
            throw new InvalidValueException("size has more than " + MAX_DIGITS + " digits");
        }
        long amount = Long.parseLong(text.substring(0, digits));
        long unit = switch (text.substring(digits)) {
            case "B" -> 1L;
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            case "" -> throw new InvalidValueException("size needs a unit (B, KB, MB, GB), like " + text + "KB");
            default -> throw new InvalidValueException("unknown size unit; use B, KB, MB or GB (upper case)");
        };
        return new ByteSize(text, amount * unit);
    }

    /** For defaults written in code; a bad literal there is a programming error. */
    public static ByteSize of(String text) {
        try {
            return parse(text);
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
