package io.bulwark.policies.net;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address parsed from its literal by hand. {@link java.net.InetAddress#getByName} is never used: given
 * anything that is not a literal it performs a DNS lookup, and the text parsed here comes from request headers.
 *
 * <p>IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) are folded to IPv4, so a dual-stack server that reports its
 * peers in mapped form still matches IPv4 proxy ranges and still produces one rate-limit key per client.
 */
public final class IpAddress {

    /** Longer than any literal, zone included; anything longer is refused before it is looked at. */
    private static final int MAX_LITERAL_LENGTH = 64;

    private final byte[] bytes;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The address of {@code literal}, or {@code null} when it is not an IPv4 or IPv6 literal. */
    public static IpAddress parse(String literal) {
        return literal == null ? null : parse(literal, 0, literal.length());
    }

    /**
     * The address in {@code text[from, to)}, or {@code null}. An IPv6 zone ({@code fe80::1%eth0}) is accepted and
     * dropped: it names an interface of the host that saw the packet, not a different client.
     */
    public static IpAddress parse(String text, int from, int to) {
        if (from < 0 || to > text.length() || to - from <= 0 || to - from > MAX_LITERAL_LENGTH) {
            return null;
        }
        int zone = indexOf(text, '%', from, to);
        if (zone >= 0) {
            to = zone;
        }
        if (indexOf(text, ':', from, to) >= 0) {
            byte[] v6 = parseIpv6(text, from, to);
            return v6 == null ? null : new IpAddress(foldMapped(v6));
        }
        if (zone >= 0) {
            return null;
        }
        byte[] v4 = new byte[4];
        return parseIpv4(text, from, to, v4, 0) ? new IpAddress(v4) : null;
    }

    static IpAddress ofBytes(byte[] bytes) {
        return new IpAddress(bytes.clone());
    }

    public boolean isIpv4() {
        return bytes.length == 4;
    }

    /** 4 or 16 bytes, network order; a copy. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** 4 or 16. */
    public int length() {
        return bytes.length;
    }

    /** One byte of the address, 0 to 255, without copying the address. */
    public int byteAt(int index) {
        return bytes[index] & 0xff;
    }

    /** Dotted quad for IPv4; RFC 5952 canonical text for IPv6, so one client always yields one rate-limit key. */
    @Override
    public String toString() {
        return isIpv4() ? formatIpv4() : formatIpv6();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpAddress that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /**
     * Exactly four decimal octets. A leading zero is refused: {@code inet_aton} reads {@code 010} as octal 8, so
     * accepting it would let two parsers disagree about which client this is.
     */
    private static boolean parseIpv4(String s, int from, int to, byte[] out, int offset) {
        int octet = 0;
        int pos = from;
        while (octet < 4) {
            int start = pos;
            int value = 0;
            while (pos < to && pos - start < 3 && isDigit(s.charAt(pos))) {
                value = value * 10 + (s.charAt(pos) - '0');
                pos++;
            }
            int digits = pos - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return false;
            }
            out[offset + octet] = (byte) value;
            octet++;
            if (octet < 4) {
                if (pos >= to || s.charAt(pos) != '.') {
                    return false;
                }
                pos++;
            }
        }
        return pos == to;
    }

    private static byte[] parseIpv6(String s, int from, int to) {
        byte[] out = new byte[16];
        int written = 0;
        int gap = -1;
        int pos = from;
        if (s.startsWith("::", pos) && pos + 2 <= to) {
            gap = 0;
            pos += 2;
            if (pos == to) {
                return out;
            }
        } else if (pos < to && s.charAt(pos) == ':') {
            return null;
        }
        while (pos < to) {
            if (written == 16) {
                return null;
            }
            int start = pos;
            int value = 0;
            while (pos < to && pos - start < 4 && hexValue(s.charAt(pos)) >= 0) {
                value = (value << 4) | hexValue(s.charAt(pos));
                pos++;
            }
            if (pos < to && s.charAt(pos) == '.') {
                // An embedded IPv4 tail takes the last 32 bits.
                if (written > 12 || !parseIpv4(s, start, to, out, written)) {
                    return null;
                }
                written += 4;
                pos = to;
                break;
            }
            if (pos == start || (pos < to && s.charAt(pos) != ':')) {
                return null;
            }
            out[written++] = (byte) (value >>> 8);
            out[written++] = (byte) value;
            if (pos == to) {
                break;
            }
            pos++;
            if (pos < to && s.charAt(pos) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = written;
                pos++;
                if (pos == to) {
                    break;
                }
            } else if (pos == to) {
                return null;
            }
        }
        if (gap < 0) {
            return written == 16 ? out : null;
        }
        if (written == 16) {
            return null;
        }
        int tail = written - gap;
        System.arraycopy(out, gap, out, 16 - tail, tail);
        Arrays.fill(out, gap, 16 - tail, (byte) 0);
        return out;
    }

    private static byte[] foldMapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return v6;
            }
        }
        if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) {
            return v6;
        }
        return Arrays.copyOfRange(v6, 12, 16);
    }

    private String formatIpv4() {
        return byteAt(0) + "." + byteAt(1) + "." + byteAt(2) + "." + byteAt(3);
    }

    private String formatIpv6() {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (byteAt(2 * i) << 8) | byteAt(2 * i + 1);
        }
        // RFC 5952: compress the longest run of two or more zero groups, the first one on a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** ASCII only: {@link Character#digit} also accepts full-width and other Unicode digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
