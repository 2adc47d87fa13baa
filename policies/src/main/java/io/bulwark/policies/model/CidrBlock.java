package io.bulwark.policies.model;

import io.bulwark.policies.net.IpAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address block, {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a block of one.
 * Literals are parsed here rather than by {@link java.net.InetAddress}, which would resolve a host name written by
 * mistake and accepts forms (octal {@code 010.0.0.1}, short {@code 10.1}) that mean different things to different
 * tools. Bits set beyond the prefix are an error: {@code 10.1.2.3/8} trusts a whole /8 and is more likely a typo.
 *
 * <p>Matched against {@link IpAddress}, which folds IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) to IPv4; a block written
 * in mapped form is folded the same way when parsed, so either form of a block matches either form of a client. An
 * IPv6 block never contains an IPv4 client, nor the reverse ({@code ::/0} is every IPv6 address, no IPv4 one).
 */
public final class CidrBlock {

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private CidrBlock(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    public static CidrBlock parse(String text) throws InvalidValueException {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] address = addressText.indexOf(':') >= 0 ? parseIpv6(addressText) : parseIpv4(addressText);
        int maxPrefix = address.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            prefix = parsePrefix(text.substring(slash + 1), maxPrefix);
        }
        for (int bit = prefix; bit < maxPrefix; bit++) {
            if ((address[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new InvalidValueException("address has bits set beyond the /" + prefix + " prefix");
            }
        }
        if (address.length == 16 && isIpv4Mapped(address)) {
            // the ::ffff: bits are set, so the bit check above already made the prefix at least 96
            return new CidrBlock(Arrays.copyOfRange(address, 12, 16), prefix - 96, text);
        }
        return new CidrBlock(address, prefix, text);
    }

    /** Whether {@code address} lies in this block. Allocation-free: it runs for every hop of every request. */
    public boolean contains(IpAddress address) {
        if (address == null || address.length() != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address.byteAt(i) != (network[i] & 0xFF)) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - restBits)) & 0xFF;
        return (address.byteAt(fullBytes) & mask) == (network[fullBytes] & mask);
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean isIpv6() {
        return network.length == 16;
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
    }

    private static int parsePrefix(String text, int maxPrefix) throws InvalidValueException {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || (text.length() > 1 && text.charAt(0) == '0')) {
            throw new InvalidValueException("prefix length must be a number from 0 to " + maxPrefix);
        }
        int prefix = Integer.parseInt(text);
        if (prefix > maxPrefix) {
            throw new InvalidValueException("prefix length must be a number from 0 to " + maxPrefix);
        }
        return prefix;
    }

    private static byte[] parseIpv4(String text) throws InvalidValueException {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new InvalidValueException("not an IP address: expected a.b.c.d or an IPv6 address");
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            address[i] = (byte) parseOctet(parts[i]);
        }
        return address;
    }

    private static int parseOctet(String part) throws InvalidValueException {
        boolean digits = !part.isEmpty() && part.length() <= 3 && part.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || (part.length() > 1 && part.charAt(0) == '0')) {
            throw new InvalidValueException("not an IPv4 address: each part is a number from 0 to 255 "
                    + "without leading zeros");
        }
        int value = Integer.parseInt(part);
        if (value > 255) {
            throw new InvalidValueException("not an IPv4 address: each part is a number from 0 to 255 "
                    + "without leading zeros");
        }
        return value;
    }

    private static byte[] parseIpv6(String text) throws InvalidValueException {
        if (text.indexOf('%') >= 0) {
            throw new InvalidValueException("IPv6 zone ids (%...) are not allowed in an address block");
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw new InvalidValueException("not an IPv6 address: '::' may appear only once");
        }
        byte[] head = gap < 0 ? parseIpv6Groups(text) : parseIpv6Groups(text.substring(0, gap));
        byte[] tail = gap < 0 ? new byte[0] : parseIpv6Groups(text.substring(gap + 2));
        int total = head.length + tail.length;
        if (gap < 0 ? total != 16 : total > 14) {
            throw new InvalidValueException("not an IPv6 address: wrong number of groups");
        }
        byte[] address = new byte[16];
        System.arraycopy(head, 0, address, 0, head.length);
        System.arraycopy(tail, 0, address, 16 - tail.length, tail.length);
        return address;
    }

    /** Colon-separated hex groups, the last of which may be a dotted IPv4 address. */
    private static byte[] parseIpv6Groups(String text) throws InvalidValueException {
        if (text.isEmpty()) {
            return new byte[0];
        }
        String[] groups = text.split(":", -1);
        if (groups.length > 8) {
            throw new InvalidValueException("not an IPv6 address: wrong number of groups");
        }
        byte[] bytes = new byte[groups.length * 2 + 2];
        int length = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (i == groups.length - 1 && group.indexOf('.') >= 0) {
                byte[] ipv4 = parseIpv4(group);
                System.arraycopy(ipv4, 0, bytes, length, 4);
                length += 4;
                continue;
            }
            if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(CidrBlock::isHexDigit)) {
                throw new InvalidValueException("not an IPv6 address: each group is 1 to 4 hex digits");
            }
            int value = Integer.parseInt(group, 16);
            bytes[length++] = (byte) (value >>> 8);
            bytes[length++] = (byte) value;
        }
        return Arrays.copyOf(bytes, length);
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrBlock block && block.prefixLength == prefixLength
                && Arrays.equals(block.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
