package io.bulwark.policies.model;

/**
 * What failed credentials are counted by: {@code "ip"}, {@code "subject"} or {@code ["ip", "subject"]} (both
 * counts, either one over the threshold blocks).
 */
public record BruteForceKey(boolean ip, boolean subject) {

    public static final BruteForceKey IP = new BruteForceKey(true, false);

    static final String EXPECTED = "bruteForce key must be \"ip\", \"subject\" or [\"ip\", \"subject\"]";

    public static BruteForceKey parse(String text) throws InvalidValueException {
        return switch (text) {
            case "ip" -> IP;
            case "subject" -> new BruteForceKey(false, true);
            default -> throw new InvalidValueException(EXPECTED);
        };
    }

    /** Combines the parts of a list form; a part named twice is an error. */
    public BruteForceKey and(BruteForceKey other) throws InvalidValueException {
        if ((ip && other.ip) || (subject && other.subject)) {
            throw new InvalidValueException("bruteForce key names the same part twice");
        }
        return new BruteForceKey(ip || other.ip, subject || other.subject);
    }

    @Override
    public String toString() {
        return ip && subject ? "[ip, subject]" : ip ? "ip" : "subject";
    }
}
