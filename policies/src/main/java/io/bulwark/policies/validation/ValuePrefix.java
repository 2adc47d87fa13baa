package io.bulwark.policies.validation;

/**
 * The part of a bad value a response or log line may show: enough for a client to find its mistake, too little to
 * turn the response into an echo service, and escaped so that it cannot forge log lines, reorder text (bidi
 * controls) or carry invisible characters. Control, format, separator and unpaired surrogate code points and the
 * backslash become <code>&#92;uXXXX</code>, <code>&#92;u{XXXXX}</code> and <code>&#92;&#92;</code>; a cut value ends
 * in {@code …}.
 */
public final class ValuePrefix {

    public static final int MAX_CODE_POINTS = 32;

    private ValuePrefix() {
    }

    public static String of(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_CODE_POINTS) + 8);
        int i = 0;
        int count = 0;
        while (i < value.length() && count < MAX_CODE_POINTS) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            count++;
            appendEscaped(out, cp);
        }
        if (i < value.length()) {
            out.append('…');
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, int cp) {
        if (cp == '\\') {
            out.append("\\\\");
            return;
        }
        int type = Character.getType(cp);
        boolean unsafe = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
        if (!unsafe) {
            out.appendCodePoint(cp);
        } else if (cp <= 0xFFFF) {
            out.append(String.format("\\u%04X", cp));
        } else {
            out.append(String.format("\\u{%X}", cp));
        }
    }
}
