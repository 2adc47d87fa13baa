package io.bulwark.agent.log;

/**
 * Decodes a form-encoded name ({@code %XX}, {@code +}) so that {@code pass%77ord=...} is recognised as a password.
 * Only ASCII escapes are decoded, since the secret words are ASCII; anything else, malformed escapes included, is
 * kept as it is. This feeds a name check only and never rejects anything.
 */
final class PercentDecoder {

    private PercentDecoder() {
    }

    static String decode(String text, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < to) {
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi >= 0 && hi < 8 && lo >= 0) {
                    out.append((char) ((hi << 4) | lo));
                    i += 2;
                    continue;
                }
            }
            out.append(c == '+' ? ' ' : c);
        }
        return out.toString();
    }
}
