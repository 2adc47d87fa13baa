package io.bulwark.policies.validation;

import java.math.BigDecimal;

/**
 * The textual forms each {@link FieldType} accepts. Every check is a single left-to-right scan with no regex, so
 * its cost is linear in the value and independent of what an attacker puts in it.
 */
final class TypeChecks {

    /** Longer numbers are refused before parsing; no legitimate API number needs more digits. */
    static final int MAX_NUMBER_LENGTH = 100;

    static final int MAX_EMAIL_LOCAL = 64;
    static final int MAX_EMAIL_DOMAIN = 255;
    /** RFC 5321's path limit of 256 octets, minus the angle brackets. */
    static final int MAX_EMAIL = 254;

    private static final String ATEXT_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

    private TypeChecks() {
    }

    static boolean matches(FieldType type, String text) {
        return switch (type) {
            case STRING -> true;
            case INTEGER, NUMBER -> decimal(text, type) != null;
            case BOOLEAN -> text.equals("true") || text.equals("false");
            case UUID -> isUuid(text);
            case EMAIL -> isEmail(text);
        };
    }

    /**
     * The value of an {@code integer} ({@code -?[0-9]+} within the 64-bit range; no {@code +}, no spaces) or a
     * {@code number} (the JSON number grammar, which excludes hex, {@code NaN}, {@code Infinity} and leading
     * {@code .}, and finite as a double), or {@code null} when {@code text} is not one.
     */
    static BigDecimal decimal(String text, FieldType type) {
        int n = text.length();
        if (n == 0 || n > MAX_NUMBER_LENGTH) {
            return null;
        }
        int i = text.charAt(0) == '-' ? 1 : 0;
        int digits = skipDigits(text, i);
        if (digits == i) {
            return null;
        }
        i = digits;
        if (type == FieldType.INTEGER) {
            if (i != n) {
                return null;
            }
            try {
                return BigDecimal.valueOf(Long.parseLong(text));
            } catch (NumberFormatException overflow) {
                return null;
            }
        }
        if (i < n && text.charAt(i) == '.') {
            int fraction = skipDigits(text, i + 1);
            if (fraction == i + 1) {
                return null;
            }
            i = fraction;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = skipDigits(text, i);
            if (exponent == i) {
                return null;
            }
            i = exponent;
        }
        if (i != n || Double.isInfinite(Double.parseDouble(text))) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException exponentOutOfRange) {
            return null;
        }
    }

    private static int skipDigits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** RFC 9562 textual form, {@code 8-4-4-4-12} hex digits in either case; version and variant are not checked. */
    static boolean isUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHex(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A practical address check: {@code local@domain}, one {@code @}, a dot-atom local part of at most 64
     * characters, a domain of at least two labels (letters, digits, inner hyphens, 1–63 characters each, the last
     * not all digits) of at most 255 characters, 254 in all. Refused although RFC 5322 allows them: quoted local
     * parts, comments, IP-literal domains ({@code [192.0.2.1]}), dotless domains ({@code localhost}) and non-ASCII
     * addresses (internationalised domains must be given in their {@code xn--} form).
     */
    static boolean isEmail(String text) {
        int at = text.indexOf('@');
        if (at <= 0 || at != text.lastIndexOf('@') || text.length() > MAX_EMAIL) {
            return false;
        }
        return isDotAtom(text, 0, at) && isDomain(text, at + 1, text.length());
    }

    private static boolean isDotAtom(String text, int from, int to) {
        if (to - from > MAX_EMAIL_LOCAL) {
            return false;
        }
        boolean previousDot = true; // refuses a leading dot
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (previousDot) {
                    return false;
                }
                previousDot = true;
            } else if (isAsciiAlphanumeric(c) || ATEXT_SPECIALS.indexOf(c) >= 0) {
                previousDot = false;
            } else {
                return false;
            }
        }
        return !previousDot;
    }

    private static boolean isDomain(String text, int from, int to) {
        if (to - from > MAX_EMAIL_DOMAIN || to == from) {
            return false;
        }
        int labels = 0;
        int labelStart = from;
        boolean lastLabelAllDigits = true;
        for (int i = from; i <= to; i++) {
            if (i == to || text.charAt(i) == '.') {
                int length = i - labelStart;
                if (length == 0 || length > 63 || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
                    return false;
                }
                labels++;
                lastLabelAllDigits = true;
                for (int k = labelStart; k < i; k++) {
                    lastLabelAllDigits &= text.charAt(k) >= '0' && text.charAt(k) <= '9';
                }
                labelStart = i + 1;
            } else if (!isAsciiAlphanumeric(text.charAt(i)) && text.charAt(i) != '-') {
                return false;
            }
        }
        return labels >= 2 && !lastLabelAllDigits;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
